package dev.whereabouts.graph.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.JsonFields;
import dev.whereabouts.web.Problem;
import dev.whereabouts.web.ProblemException;
import dev.whereabouts.web.Request;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The DPO API's request-level reading: the body as a JSON object read through {@link JsonFields}
 * (one {@link FieldError} per bad field, all at once), enum query values, typed path parameters.
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

    /**
     * A reader for the request's body, which must be a JSON object of at most {@link #MAX_BODY}
     * bytes: every field is read through it so all bad fields are reported at once.
     */
    public static JsonFields read(Request request) {
        return JsonFields.of(object(request));
    }

    /** The media type of an HTML form's body. */
    public static final String FORM = "application/x-www-form-urlencoded";

    /**
     * A reader for a body that is a JSON object or an HTML form ({@value #FORM}): a form's fields
     * become text fields of an object, so both are read by the same {@link JsonFields} rules. 415 for
     * any other media type; 400 for a form with bad percent-escapes or a field given twice.
     */
    public static JsonFields readJsonOrForm(Request request) {
        String contentType = request.header("Content-Type").orElse("").trim().toLowerCase(Locale.ROOT);
        if (contentType.startsWith(FORM)) {
            return JsonFields.of(form(request.body(MAX_BODY)));
        }
        if (!contentType.isEmpty() && !contentType.startsWith("application/json")) {
            throw new ProblemException(Problem.of(
                    "unsupported-media-type",
                    "Unsupported media type",
                    415,
                    "expected application/json or " + FORM,
                    List.of(new FieldError("Content-Type", "must be application/json or " + FORM))));
        }
        return read(request);
    }

    static ObjectNode form(byte[] body) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ProblemException.malformed(
                        "the form is not valid: bad percent-encoding",
                        List.of(new FieldError("body", "bad percent-encoding")));
            }
            if (fields.has(name)) {
                throw ProblemException.malformed(
                        "the form gives a field twice", List.of(new FieldError("/" + name, "given more than once")));
            }
            // An empty form field is a field left blank: absent, as in JSON without it.
            if (!value.isEmpty()) {
                fields.put(name, value);
            }
        }
        return fields;
    }

    /** Free text as the DPO API keeps it: without surrounding white space. */
    public static String trimmed(String text) {
        return text == null ? null : text.trim();
    }

    /**
     * Free text the platform keeps (a note, a reason, evidence), trimmed: at most {@code maxLength}
     * characters and quoting no raw identifier ({@link FreeText}). {@code null} when absent (reported
     * when {@code required}) or bad.
     */
    public static String freeText(JsonFields body, String field, int maxLength, boolean required) {
        String text = required
                ? body.requiredText(field, maxLength)
                : body.optionalText(field, maxLength).orElse(null);
        if (text == null) {
            return null;
        }
        Optional<String> problem = FreeText.problem(text);
        if (problem.isPresent()) {
            body.reject(body.pointer(field), problem.get());
            return null;
        }
        return trimmed(text);
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

    /** A {@code true}/{@code false} query parameter (any case); 400 naming it otherwise. */
    public static Optional<Boolean> booleanParameter(Request request, String name) {
        return request.query(name).map(value -> switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badParameter(name, "must be true or false");
        });
    }

    /** An enum constant named in a query parameter, ignoring case and surrounding white space. */
    public static <E extends Enum<E>> Optional<E> parseEnum(String text, Class<E> type) {
        try {
            return Optional.of(Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
