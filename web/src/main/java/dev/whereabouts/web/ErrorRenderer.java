package dev.whereabouts.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;

/**
 * How a service writes its error responses. Every error goes through it: a {@link ProblemException}
 * from a resource, 404 and 405 from routing, 401 and 403, 413 and 408 from body reading, a 500 for an
 * unexpected failure, and every protocol-level error the server answers before any route runs (bad
 * request line, bad {@code Content-Length}, bad percent-encoding, oversized headers).
 *
 * <p>The default, {@link #problemJson}, writes RFC 9457 problem+json. A service with another error
 * vocabulary (the schema registry speaks Confluent's {@code {"error_code":..,"message":..}}) supplies
 * its own.
 */
public interface ErrorRenderer {

    /**
     * The response for {@code problem}. {@link HttpService} adds {@code Retry-After} and {@code Allow}
     * where they apply.
     */
    Response render(Problem problem);

    /**
     * The response for a failure of the service's own type that is not a {@link ProblemException};
     * empty for anything unexpected, which becomes a 500 with an error id.
     */
    default Optional<Response> renderFailure(Exception failure) {
        return Optional.empty();
    }

    /** RFC 9457 problem+json, the default of every service. */
    static ErrorRenderer problemJson(ObjectMapper json) {
        return problem -> {
            try {
                return new Response(problem.status(), Problem.MEDIA_TYPE, json.writeValueAsBytes(problem), Map.of());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("problem not serialisable", e);
            }
        };
    }
}
