package dev.whereabouts.registry;

/**
 * The registry's error vocabulary: an HTTP status and Confluent's numeric {@code error_code}.
 *
 * <p>Clients (Confluent's serdes among them) branch on {@code error_code}, so the numbers are
 * Confluent's own and must not change.
 */
public enum ErrorCode {
    /** Request body is not valid JSON or not the expected shape. */
    MALFORMED_REQUEST(400, 400),
    /** No endpoint at this path. */
    NOT_FOUND(404, 404),
    /** Subject unknown, or soft-deleted and deleted ones were not asked for. */
    SUBJECT_NOT_FOUND(404, 40401),
    /** Version unknown under an existing subject. */
    VERSION_NOT_FOUND(404, 40402),
    /** Schema id unknown, or the schema is not registered under the subject. */
    SCHEMA_NOT_FOUND(404, 40403),
    /** Soft delete of a subject that is already soft-deleted. */
    SUBJECT_SOFT_DELETED(404, 40404),
    /** Permanent delete of a subject that was not soft-deleted first. */
    SUBJECT_NOT_SOFT_DELETED(404, 40405),
    /** Soft delete of a version that is already soft-deleted. */
    VERSION_SOFT_DELETED(404, 40406),
    /** Permanent delete of a version that was not soft-deleted first. */
    VERSION_NOT_SOFT_DELETED(404, 40407),
    /** {@code GET /config/{subject}} for a subject without its own level. */
    SUBJECT_COMPATIBILITY_NOT_CONFIGURED(404, 40408),
    /** Endpoint exists but not for this HTTP method. */
    METHOD_NOT_ALLOWED(405, 405),
    /** Schema breaks the subject's compatibility level. */
    INCOMPATIBLE_SCHEMA(409, 409),
    /** Request body larger than the registry accepts. */
    PAYLOAD_TOO_LARGE(413, 413),
    /** Request body in a media type the registry does not read. */
    UNSUPPORTED_MEDIA_TYPE(415, 415),
    /** Schema does not parse, is not Avro, or uses unsupported features. */
    INVALID_SCHEMA(422, 42201),
    /** Version is neither a positive integer nor {@code latest}. */
    INVALID_VERSION(422, 42202),
    /** Unknown compatibility level name. */
    INVALID_COMPATIBILITY_LEVEL(422, 42203),
    /** The store failed (I/O error, closed registry, unexpected bug). */
    STORE_ERROR(500, 50001);

    private final int httpStatus;
    private final int errorCode;

    ErrorCode(int httpStatus, int errorCode) {
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** HTTP status of the response. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Value of {@code error_code} in the response body. */
    public int errorCode() {
        return errorCode;
    }
}
