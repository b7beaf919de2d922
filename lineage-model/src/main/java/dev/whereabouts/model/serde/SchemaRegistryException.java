package dev.whereabouts.model.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A Schema Registry call failed, or its answer could not be used.
 *
 * <p>Carries the HTTP status and Confluent's {@code error_code} from the registry's error body
 * (for example {@code {"error_code":40403,"message":"Schema not found"}}) so callers can branch on
 * the cause without parsing messages. It extends Kafka's {@link SerializationException} because
 * the serde surfaces it unchanged: producers, consumers and Kafka Streams' exception handlers
 * already treat that type as "this record could not be (de)serialized".
 *
 * <p>When no HTTP answer was received at all, the subtype {@link SchemaRegistryConnectionException}
 * is thrown, with {@link #httpStatus()} and {@link #errorCode()} both {@value #NO_RESPONSE}.
 */
public class SchemaRegistryException extends SerializationException {

    /** {@code error_code} for an unknown subject. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** {@code error_code} for an unknown version of an existing subject. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** {@code error_code} for an unknown schema id, or a schema not registered under a subject. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** {@code error_code} for a schema rejected by the subject's compatibility policy. */
    public static final int INCOMPATIBLE_SCHEMA = 409;
    /** {@code error_code} for a schema the registry cannot parse. */
    public static final int INVALID_SCHEMA = 42201;
    /**
     * {@code error_code} this client uses when the registry answered but the body was not what the
     * API promises (not JSON, a missing field, a schema Avro cannot parse). Confluent's own client
     * uses the same number for unparseable responses.
     */
    public static final int INVALID_RESPONSE = 50005;
    /** {@link #httpStatus()} and {@link #errorCode()} when no HTTP response was received. */
    public static final int NO_RESPONSE = -1;

    private final int httpStatus;
    private final int errorCode;

    /**
     * @param message what failed, naming the request and the registry's message
     * @param httpStatus HTTP status of the registry's answer, or {@value #NO_RESPONSE}
     * @param errorCode Confluent {@code error_code} of the answer, or {@value #NO_RESPONSE}
     */
    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /**
     * @param message what failed, naming the request and the registry's message
     * @param httpStatus HTTP status of the registry's answer, or {@value #NO_RESPONSE}
     * @param errorCode Confluent {@code error_code} of the answer, or {@value #NO_RESPONSE}
     * @param cause the underlying failure
     */
    public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** HTTP status of the registry's answer, or {@value #NO_RESPONSE} when none was received. */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * Confluent {@code error_code} (40401, 40402, 40403, 409, 42201, 50001, ...); the HTTP status
     * when the error body carried none; {@value #NO_RESPONSE} when no answer was received.
     */
    public int errorCode() {
        return errorCode;
    }

    /** Whether the registry said the subject, version or schema does not exist. */
    public boolean isNotFound() {
        return errorCode == SUBJECT_NOT_FOUND
                || errorCode == VERSION_NOT_FOUND
                || errorCode == SCHEMA_NOT_FOUND
                || httpStatus == 404;
    }

    /**
     * The same failure, prefixed with what the caller was doing, keeping status, code and type so
     * handlers further up can still branch on them.
     */
    SchemaRegistryException withContext(String context) {
        return new SchemaRegistryException(context + ": " + getMessage(), httpStatus, errorCode, this);
    }
}
