package dev.whereabouts.model.serde;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a subject as the registry stores it.
 *
 * @param subject the subject, e.g. {@code whereabouts.sharing-events.v1-value}
 * @param version the version within the subject, starting at 1
 * @param id the registry-wide schema id written into every message's header
 * @param schema the parsed Avro schema
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {

    /** Rejects incomplete answers here so no caller has to null-check. */
    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}
