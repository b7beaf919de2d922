package dev.whereabouts.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 * {@code errors} lists every offending field with its reason, so a client fixes all of them at once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    /** Media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** Base of the {@code type} URIs; each is documented in the service's OpenAPI file. */
    public static final String TYPE_BASE = "https://whereabouts.dev/problems/";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        errors = errors == null ? null : List.copyOf(errors);
    }

    /** A problem of kind {@code slug} (e.g. {@code validation}), documented at {@link #TYPE_BASE}{@code slug}. */
    public static Problem of(String slug, String title, int status, String detail, List<FieldError> errors) {
        return new Problem(
                TYPE_BASE + slug, title, status, detail, null, errors == null || errors.isEmpty() ? null : errors);
    }

    public Problem withInstance(String instance) {
        return new Problem(type, title, status, detail, instance, errors);
    }
}
