package dev.whereabouts.registry;

import java.util.List;
import java.util.Objects;

/**
 * A failure the registry reports to its client as {@code {"error_code":N,"message":"..."}}.
 *
 * <p>Thrown by the store and the HTTP layer alike; a single handler turns it into the response.
 * The factory methods carry Confluent's message wording, which operators grep for.
 */
public final class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /** A failure with the given code and client-facing message. */
    public RegistryException(ErrorCode code, String message) {
        this(code, message, null);
    }

    /** A failure with the given code, client-facing message and cause (logged, never sent). */
    public RegistryException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** What kind of failure this is; decides the HTTP status and {@code error_code}. */
    public ErrorCode code() {
        return code;
    }

    public static RegistryException subjectNotFound(String subject) {
        return new RegistryException(ErrorCode.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    public static RegistryException versionNotFound(int version) {
        return new RegistryException(ErrorCode.VERSION_NOT_FOUND, "Version " + version + " not found.");
    }

    public static RegistryException schemaNotFound() {
        return new RegistryException(ErrorCode.SCHEMA_NOT_FOUND, "Schema not found");
    }

    public static RegistryException schemaNotFound(String id) {
        return new RegistryException(ErrorCode.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }

    public static RegistryException subjectSoftDeleted(String subject) {
        return new RegistryException(
                ErrorCode.SUBJECT_SOFT_DELETED,
                "Subject '" + subject + "' was soft deleted.Set permanent=true to delete permanently");
    }

    public static RegistryException subjectNotSoftDeleted(String subject) {
        return new RegistryException(
                ErrorCode.SUBJECT_NOT_SOFT_DELETED,
                "Subject '" + subject + "' was not deleted first before being permanently deleted");
    }

    public static RegistryException versionSoftDeleted(String subject, int version) {
        return new RegistryException(
                ErrorCode.VERSION_SOFT_DELETED,
                "Subject '" + subject + "' Version " + version
                        + " was soft deleted.Set permanent=true to delete permanently");
    }

    public static RegistryException versionNotSoftDeleted(String subject, int version) {
        return new RegistryException(
                ErrorCode.VERSION_NOT_SOFT_DELETED,
                "Subject '" + subject + "' Version " + version
                        + " was not deleted first before being permanently deleted");
    }

    public static RegistryException subjectCompatibilityNotConfigured(String subject) {
        return new RegistryException(
                ErrorCode.SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    /** {@code details} are the checker's messages, rendered as Confluent renders a Java list. */
    public static RegistryException incompatibleSchema(String subject, List<String> details) {
        return new RegistryException(
                ErrorCode.INCOMPATIBLE_SCHEMA,
                "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                        + "\", details: " + details);
    }

    public static RegistryException invalidSchema(String detail) {
        return new RegistryException(ErrorCode.INVALID_SCHEMA, "Invalid schema: " + detail);
    }

    public static RegistryException invalidVersion(String version) {
        return new RegistryException(
                ErrorCode.INVALID_VERSION,
                "The specified version '" + version + "' is not a valid version id. "
                        + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    public static RegistryException invalidCompatibilityLevel() {
        return new RegistryException(
                ErrorCode.INVALID_COMPATIBILITY_LEVEL,
                "Invalid compatibility level. Valid values are none, backward, forward, full, "
                        + "backward_transitive, forward_transitive, and full_transitive");
    }

    public static RegistryException malformedRequest(String detail) {
        return new RegistryException(ErrorCode.MALFORMED_REQUEST, "Malformed request: " + detail);
    }

    public static RegistryException storeError(String message, Throwable cause) {
        return new RegistryException(ErrorCode.STORE_ERROR, message, cause);
    }
}
