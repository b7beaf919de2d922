package dev.whereabouts.graph.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.JsonFields;
import dev.whereabouts.web.ProblemException;
import dev.whereabouts.web.Request;
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

    /** Free text as the DPO API keeps it: without surrounding white space. */
    public static String trimmed(String text) {
        return text == null ? null : text.trim();
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

    /** An enum constant named in a query parameter, ignoring case and surrounding white space. */
    public static <E extends Enum<E>> Optional<E> parseEnum(String text, Class<E> type) {
        try {
            return Optional.of(Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
