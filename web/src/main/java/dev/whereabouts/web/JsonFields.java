package dev.whereabouts.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads the fields of one JSON object (a request body, an element of a batch, a YAML mapping read
 * through Jackson's tree) into typed values, <em>collecting</em> one {@link FieldError} per bad
 * field instead of stopping at the first, so the caller sees every problem at once. Every reader
 * of the platform goes through here, so a field is missing, mistyped, too long or unknown with the
 * same words everywhere. Reasons name the rule, never the rejected value: a value may be personal
 * data.
 *
 * <p>Readers for nested objects and array elements share their parent's error list; {@link
 * #throwIfInvalid} throws once for all of them.
 */
public final class JsonFields {

    private final JsonNode node;
    private final String at;
    private final List<FieldError> errors;

    private JsonFields(JsonNode node, String at, List<FieldError> errors) {
        this.node = node;
        this.at = at;
        this.errors = errors;
    }

    /**
     * A reader for {@code node} at the root (pointer {@code ""}); empty, with the error recorded
     * in {@code errors}, when {@code node} is not an object.
     */
    public static Optional<JsonFields> object(JsonNode node, String at, String notAnObject, List<FieldError> errors) {
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(at, notAnObject + ", got " + kind(node)));
            return Optional.empty();
        }
        return Optional.of(new JsonFields(node, at, errors));
    }

    /** A reader for an object known to be one, reporting into a fresh error list. */
    public static JsonFields of(JsonNode object) {
        if (object == null || !object.isObject()) {
            throw new IllegalArgumentException("not a JSON object: " + kind(object));
        }
        return new JsonFields(object, "", new ArrayList<>());
    }

    /** The JSON Pointer of {@code field} in this object. */
    public String pointer(String field) {
        return at + "/" + field;
    }

    /** The JSON Pointer of this object. */
    public String pointer() {
        return at;
    }

    /** The raw node of {@code field}, or {@code null}: for shapes this reader does not know. */
    public JsonNode node(String field) {
        return node.get(field);
    }

    /** Records a bad field found by a rule of the caller's (a cross-field rule, a lookup). */
    public void reject(String pointer, String reason) {
        errors.add(new FieldError(pointer, reason));
    }

    /** The errors recorded so far by this reader and every reader sharing its list. */
    public List<FieldError> errors() {
        return errors;
    }

    /** How many errors are recorded: compare before and after reading a part to know whether it was valid. */
    public int errorCount() {
        return errors.size();
    }

    /** Throws the problem {@code problem} builds from every recorded error, once; nothing when there is none. */
    public void throwIfInvalid(Function<List<FieldError>, ProblemException> problem) {
        if (!errors.isEmpty()) {
            throw problem.apply(List.copyOf(errors));
        }
    }

    /** Reports every field not in {@code known}. */
    public void onlyKnown(Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                reject(
                        pointer(name),
                        "unknown field; known: " + known.stream().sorted().toList());
            }
        }
    }

    /** Whether {@code field} is absent or JSON {@code null}. */
    public boolean absent(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull();
    }

    /** The nested object {@code field}; empty (and reported) when it is missing and required or not an object. */
    public Optional<JsonFields> object(String field, String requiredReason, String notAnObject) {
        if (absent(field)) {
            if (requiredReason != null) {
                reject(pointer(field), requiredReason);
            }
            return Optional.empty();
        }
        return object(node.get(field), pointer(field), notAnObject, errors);
    }

    /** A non-blank string of at most {@code maxLength} characters, as written; {@code null} when bad. */
    public String requiredText(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            reject(pointer(field), "required");
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            reject(pointer(field), "must be a non-empty string, got " + kind(value));
            return null;
        }
        if (value.textValue().length() > maxLength) {
            reject(pointer(field), "must be at most " + maxLength + " characters");
            return null;
        }
        return value.textValue();
    }

    /** {@link #requiredText} when the field is present; empty when absent or bad. */
    public Optional<String> optionalText(String field, int maxLength) {
        return absent(field) ? Optional.empty() : Optional.ofNullable(requiredText(field, maxLength));
    }

    /**
     * A string that must satisfy {@code valid} (an identifier's rule), built into its type; the
     * reason is {@code "must be " + rule}. {@code null} when bad.
     */
    public <T> T required(String field, int maxLength, Predicate<String> valid, Function<String, T> type, String rule) {
        String text = requiredText(field, maxLength);
        return text == null
                ? null
                : typed(text, pointer(field), valid, type, rule).orElse(null);
    }

    /**
     * An optional string that, when present, must satisfy {@code valid} (an identifier's rule,
     * which bounds its length itself), built into its type; the reason is {@code "must be " + rule}.
     */
    public <T> Optional<T> optional(String field, Predicate<String> valid, Function<String, T> type, String rule) {
        return optionalParsed(
                field, text -> valid.test(text) ? Optional.of(type.apply(text)) : Optional.empty(), "must be " + rule);
    }

    /**
     * A string parsed by {@code parse} (a period, a date), which answers empty for text it refuses;
     * the reason is {@code refused}. Empty when absent or bad.
     */
    public <T> Optional<T> optionalParsed(String field, Function<String, Optional<T>> parse, String refused) {
        if (absent(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isTextual()) {
            reject(pointer(field), "must be a string, got " + kind(value));
            return Optional.empty();
        }
        Optional<T> parsed = parse.apply(value.textValue());
        if (parsed.isEmpty()) {
            reject(pointer(field), refused);
        }
        return parsed;
    }

    /** An ISO-8601 date-time with offset, e.g. {@code 2026-11-25T10:15:30Z}; empty when absent or bad. */
    public Optional<Instant> optionalInstant(String field) {
        return optionalParsed(
                field, JsonFields::instant, "must be an ISO-8601 date-time with offset, e.g. 2026-11-25T10:15:30Z");
    }

    /**
     * An enum constant named by the field, among {@code allowed} (by name); compared ignoring case
     * when {@code ignoreCase}. {@code null} when absent (reported when {@code required}) or bad.
     */
    public <E extends Enum<E>> E enumValue(
            String field, Class<E> type, List<E> allowed, boolean ignoreCase, boolean required) {
        List<String> names = allowed.stream().map(Enum::name).toList();
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                reject(pointer(field), "required: one of " + names);
            }
            return null;
        }
        if (value.isTextual()) {
            String text = ignoreCase ? value.textValue().trim().toUpperCase(Locale.ROOT) : value.textValue();
            for (E constant : allowed) {
                if (constant.name().equals(text)) {
                    return constant;
                }
            }
        }
        reject(pointer(field), "must be one of " + names);
        return null;
    }

    /**
     * An array of {@code min} to {@code max} distinct strings ({@code noun}, for the size error),
     * each satisfying {@code valid} and built into its type; each bad element reported at its own
     * index. Absent is reported as {@code requiredReason} when that is not {@code null}, else read
     * as empty. A repeated item is reported when {@code distinct}, else kept.
     */
    public <T> List<T> list(
            String field,
            String requiredReason,
            String noun,
            int min,
            int max,
            boolean distinct,
            Predicate<String> valid,
            Function<String, T> type,
            String rule) {
        List<T> items = new ArrayList<>();
        String at = pointer(field);
        JsonNode array = node.get(field);
        if (array == null || array.isNull()) {
            if (requiredReason != null) {
                reject(at, requiredReason);
            }
            return items;
        }
        if (!array.isArray()) {
            reject(at, "must be an array of strings, got " + kind(array));
            return items;
        }
        if (array.size() < min || array.size() > max) {
            reject(at, "must hold " + min + " to " + max + " " + noun + ", got " + array.size());
            return items;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (!item.isTextual() || item.textValue().isBlank()) {
                reject(at + "/" + i, "must be a non-empty string, got " + kind(item));
            } else if (!valid.test(item.textValue())) {
                reject(at + "/" + i, "must be " + rule);
            } else if (distinct && !seen.add(item.textValue())) {
                // The value is a category or an id, never personal data, so it may be quoted.
                reject(at + "/" + i, "'" + item.textValue() + "' is listed twice");
            } else {
                items.add(type.apply(item.textValue()));
            }
        }
        return items;
    }

    private <T> Optional<T> typed(
            String text, String pointer, Predicate<String> valid, Function<String, T> type, String rule) {
        if (!valid.test(text)) {
            reject(pointer, "must be " + rule);
            return Optional.empty();
        }
        return Optional.of(type.apply(text));
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The JSON type of {@code node} in words: "string", "number", "object", "nothing" for a missing node. */
    public static String kind(JsonNode node) {
        return node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
