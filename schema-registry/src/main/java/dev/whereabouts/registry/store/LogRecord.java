package dev.whereabouts.registry.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.whereabouts.registry.CompatibilityLevel;

/**
 * One mutation of the registry, as written to the durable log: a single line of JSON whose
 * {@code type} field names the record.
 *
 * <p>Records are facts that already passed validation; replaying them in order rebuilds the
 * state exactly, including ids and version numbers. Field names are the on-disk format: rename
 * nothing without a migration.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LogRecord.SchemaRegistered.class, name = "schema-registered"),
    @JsonSubTypes.Type(value = LogRecord.VersionDeleted.class, name = "version-deleted"),
    @JsonSubTypes.Type(value = LogRecord.SubjectDeleted.class, name = "subject-deleted"),
    @JsonSubTypes.Type(value = LogRecord.CompatibilitySet.class, name = "compatibility-set"),
})
sealed interface LogRecord {

    /** {@code schema} (canonical text) registered as {@code version} of {@code subject}. */
    record SchemaRegistered(int id, String subject, int version, String schema) implements LogRecord {}

    /** One version soft-deleted, or removed for good if {@code permanent}. */
    record VersionDeleted(String subject, int version, boolean permanent) implements LogRecord {}

    /** Every version of a subject soft-deleted, or removed for good if {@code permanent}. */
    record SubjectDeleted(String subject, boolean permanent) implements LogRecord {}

    /**
     * Compatibility level changed.
     *
     * @param subject the subject, or null for the global level
     * @param level   the new level, or null to clear it (a subject falls back to the global level,
     *                the global level to the configured default)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CompatibilitySet(String subject, CompatibilityLevel level) implements LogRecord {}
}
