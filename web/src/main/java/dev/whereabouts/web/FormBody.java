package dev.whereabouts.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code application/x-www-form-urlencoded} body, as an HTML form posts it: each field with every
 * value it was sent with, in order. Values are never part of an error message (a form may carry an
 * identifier); only field names are.
 */
public final class FormBody {

    private final Map<String, List<String>> fields;

    private FormBody(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    /** Parses {@code body}; 400 naming the form when a field is not validly percent-encoded. */
    public static FormBody parse(byte[] body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new FormBody(fields);
    }

    /** The first value of {@code name}, trimmed; empty when absent or blank. */
    public Optional<String> first(String name) {
        List<String> values = fields.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        String value = values.get(0).trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** Every non-blank value of {@code name}, trimmed, in the order sent. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (String value : fields.getOrDefault(name, List.of())) {
            if (!value.isBlank()) {
                values.add(value.trim());
            }
        }
        return values;
    }

    /** The names of the fields sent. */
    public List<String> names() {
        return List.copyOf(fields.keySet());
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.malformed(
                    "the form is not validly percent-encoded", List.of(new FieldError("body", "bad percent-encoding")));
        }
    }
}
