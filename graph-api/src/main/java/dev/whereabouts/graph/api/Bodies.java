package dev.whereabouts.graph.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whereabouts.model.id.CategoryKey;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.ProblemException;
import dev.whereabouts.web.Request;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads fields of JSON request bodies, collecting one {@link FieldError} per bad field (JSON
 * Pointer) so a client sees every problem at once.
 */
public final class Bodies {

    public static final int MAX_REASON = 500;

    /** Largest JSON body the DPO API reads. */
    public static final int MAX_BODY = 16 * 1024;

    private Bodies() {}

    /** The request's body, which must be a JSON object of at most {@link #MAX_BODY} bytes. */
    public static JsonNode object(Request request) {
        JsonNode body = request.jsonBody(MAX_BODY);
        if (!body.isObject()) {
            throw ProblemException.malformed(
                    "the body must be a JSON object", List.of(new FieldError("body", "must be a JSON object")));
        }
        return body;
    }

    public static void onlyKnownFields(JsonNode body, Set<String> known, List<FieldError> errors) {
        body.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                errors.add(new FieldError(
                        "/" + name,
                        "unknown field; known fields are "
                                + known.stream().sorted().toList()));
            }
        });
    }

    public static String requiredText(JsonNode body, String field, int maxLength, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            errors.add(new FieldError("/" + field, "required"));
            return null;
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            errors.add(new FieldError("/" + field, "must be a non-empty string"));
            return null;
        }
        if (node.textValue().length() > maxLength) {
            errors.add(new FieldError("/" + field, "at most " + maxLength + " characters"));
            return null;
        }
        return node.textValue().trim();
    }

    /**
     * A required string field that must be an identifier of one kind: the error names the field
     * and the kind's rule, never the value.
     */
    public static String requiredId(
            JsonNode body, String field, Predicate<String> valid, String rule, List<FieldError> errors) {
        String text = requiredText(body, field, Integer.MAX_VALUE, errors);
        if (text != null && !valid.test(text)) {
            errors.add(new FieldError("/" + field, "must be " + rule));
            return null;
        }
        return text;
    }

    /** A path parameter that must be an identifier of one kind; 400 naming the parameter and the rule otherwise. */
    public static <T> T pathId(
            Request request, String parameter, Predicate<String> valid, String rule, Function<String, T> type) {
        String value = request.pathParameter(parameter);
        if (!valid.test(value)) {
            throw ProblemException.badParameter(parameter, "must be " + rule);
        }
        return type.apply(value);
    }

    public static Optional<String> optionalText(JsonNode body, String field, int maxLength, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        return Optional.ofNullable(requiredText(body, field, maxLength, errors));
    }

    public static <E extends Enum<E>> E requiredEnum(
            JsonNode body, String field, Class<E> type, List<FieldError> errors) {
        String text = requiredText(body, field, 64, errors);
        if (text == null) {
            return null;
        }
        return parseEnum(text, type).orElseGet(() -> {
            errors.add(new FieldError("/" + field, "must be one of " + List.of(type.getEnumConstants())));
            return null;
        });
    }

    public static <E extends Enum<E>> Optional<E> parseEnum(String text, Class<E> type) {
        try {
            return Optional.of(Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static Optional<Instant> optionalInstant(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            errors.add(new FieldError("/" + field, "must be an ISO-8601 date-time string, e.g. 2026-11-25T10:15:30Z"));
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.OffsetDateTime.parse(node.textValue()).toInstant());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(
                    "/" + field, "must be an ISO-8601 date-time with offset, e.g. 2026-11-25T10:15:30Z"));
            return Optional.empty();
        }
    }

    public static List<String> categories(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body.get(field);
        List<String> categories = new ArrayList<>();
        if (node == null || node.isNull()) {
            return categories;
        }
        if (!node.isArray()) {
            errors.add(new FieldError("/" + field, "must be an array of fideslang categories"));
            return categories;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || !CategoryKey.isValid(item.textValue())) {
                errors.add(new FieldError(
                        "/" + field + "/" + i, "must be a fideslang category key like user.contact.email"));
            } else {
                categories.add(item.textValue());
            }
        }
        return categories;
    }
}
