package dev.whereabouts.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One endpoint: method, path template with {@code {name}} segments, the role a caller needs (none
 * for health and documentation), and the handler.
 */
public record Endpoint(String method, String template, Optional<Role> requiredRole, Handler handler) {

    /** Handles a request; throws {@link ProblemException} for anything the client must fix. */
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request) throws Exception;
    }

    public Endpoint {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(requiredRole, "requiredRole");
        Objects.requireNonNull(handler, "handler");
    }

    public static Endpoint open(String method, String template, Handler handler) {
        return new Endpoint(method, template, Optional.empty(), handler);
    }

    public static Endpoint forRole(Role role, String method, String template, Handler handler) {
        return new Endpoint(method, template, Optional.of(role), handler);
    }

    /** The path parameters when {@code path} matches this template. */
    Optional<Map<String, String>> match(String path) {
        List<String> expected = segments(template);
        List<String> actual = segments(path);
        if (expected.size() != actual.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < expected.size(); i++) {
            String want = expected.get(i);
            String got = actual.get(i);
            if (want.startsWith("{") && want.endsWith("}")) {
                if (got.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(want.substring(1, want.length() - 1), decodeSegment(got));
            } else if (!want.equals(got)) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    /**
     * Percent-decodes one raw path segment on its own, so {@code a%2Fb} is the single value {@code a/b};
     * {@code +} is a literal plus in a path (it means a space only in a query).
     */
    static String decodeSegment(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.malformed(
                    "bad percent-encoding in the path", List.of(new FieldError("path", "bad percent-encoding")));
        }
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }
}
