package dev.whereabouts.web;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A domain failure that becomes an HTTP error. Resources throw it; {@link HttpService} is the one
 * place that turns it into a problem+json response.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final transient Duration retryAfter;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    public ProblemException(Problem problem, Duration retryAfter) {
        super(problem.title() + ": " + problem.detail());
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public Problem problem() {
        return problem;
    }

    /** For 503: when the client should try again. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** 400: the body is not what the endpoint reads (malformed JSON, wrong shape). */
    public static ProblemException malformed(String detail, List<FieldError> errors) {
        return new ProblemException(Problem.of("malformed-request", "Malformed request", 400, detail, errors));
    }

    /** 400: a query parameter or header is invalid. */
    public static ProblemException badParameter(String parameter, String reason) {
        return new ProblemException(Problem.of(
                "bad-parameter",
                "Invalid parameter",
                400,
                "parameter '" + parameter + "': " + reason,
                List.of(new FieldError(parameter, reason))));
    }

    /** 401: no or unknown token. */
    public static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of("unauthorized", "Authentication required", 401, detail, null));
    }

    /** 403: the token's roles do not allow this. */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of("forbidden", "Not allowed", 403, detail, null));
    }

    /** 404: nothing at this path or with this id. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of("not-found", "Not found", 404, detail, null));
    }

    /** 405: the path exists, the method does not. */
    public static ProblemException methodNotAllowed(String method, String path) {
        return new ProblemException(Problem.of(
                "method-not-allowed", "Method not allowed", 405, method + " is not supported on " + path, null));
    }

    /** 413: the body or the batch is larger than allowed. */
    public static ProblemException tooLarge(String detail, List<FieldError> errors) {
        return new ProblemException(Problem.of("too-large", "Payload too large", 413, detail, errors));
    }

    /** 415: the body is not JSON. */
    public static ProblemException unsupportedMediaType(String contentType) {
        return new ProblemException(Problem.of(
                "unsupported-media-type",
                "Unsupported media type",
                415,
                "expected application/json, got " + contentType,
                List.of(new FieldError("Content-Type", "must be application/json"))));
    }

    /** 422: well-formed, but semantically invalid; every bad field listed. */
    public static ProblemException invalid(String detail, List<FieldError> errors) {
        return new ProblemException(Problem.of("validation", "Invalid request", 422, detail, errors));
    }

    /** 503: a dependency (Kafka, registry, Neo4j) is not available; nothing was accepted. */
    public static ProblemException unavailable(String detail, Duration retryAfter) {
        return new ProblemException(Problem.of("unavailable", "Service unavailable", 503, detail, null), retryAfter);
    }
}
