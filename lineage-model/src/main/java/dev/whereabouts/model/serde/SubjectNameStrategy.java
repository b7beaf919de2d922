package dev.whereabouts.model.serde;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;

/**
 * How the serializer names the registry subject a schema is registered or looked up under; the
 * same three strategies, with the same results, as Confluent's {@code
 * io.confluent.kafka.serializers.subject} classes.
 */
public enum SubjectNameStrategy {

    /**
     * {@code <topic>-key} or {@code <topic>-value}: one schema lineage per topic, so the registry
     * enforces compatibility for everything written to that topic. Confluent's default and ours.
     */
    TOPIC_NAME("io.confluent.kafka.serializers.subject.TopicNameStrategy") {
        @Override
        public String subjectName(String topic, boolean isKey, Schema schema) {
            return topic + (isKey ? "-key" : "-value");
        }
    },

    /**
     * The record's full name, e.g. {@code dev.whereabouts.model.sharing.SharingEvent}: one lineage
     * per record type across all topics, so a topic may carry several record types. Only record
     * schemas have a name; anything else is rejected.
     */
    RECORD_NAME("io.confluent.kafka.serializers.subject.RecordNameStrategy") {
        @Override
        public String subjectName(String topic, boolean isKey, Schema schema) {
            return recordName(this, isKey, schema);
        }
    },

    /**
     * {@code <topic>-<record full name>}: one lineage per record type per topic, for topics that
     * carry several record types yet should be checked independently of other topics.
     */
    TOPIC_RECORD_NAME("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy") {
        @Override
        public String subjectName(String topic, boolean isKey, Schema schema) {
            return topic + "-" + recordName(this, isKey, schema);
        }
    };

    private final String confluentClassName;

    SubjectNameStrategy(String confluentClassName) {
        this.confluentClassName = confluentClassName;
    }

    /**
     * The subject for a message on {@code topic}.
     *
     * @param topic the Kafka topic
     * @param isKey whether the schema is the message key's
     * @param schema the schema of the value being written
     * @throws SerializationException when the strategy needs a record name and {@code schema} is
     *     not a record
     */
    public abstract String subjectName(String topic, boolean isKey, Schema schema);

    /** The fully qualified name of Confluent's equivalent class, accepted in configuration. */
    public String confluentClassName() {
        return confluentClassName;
    }

    /**
     * Parses a configuration value: our constant name ({@code TOPIC_NAME}, case-insensitive),
     * Confluent's class name ({@code io.confluent.kafka.serializers.subject.TopicNameStrategy}) or
     * its simple name ({@code TopicNameStrategy}), so Kafka properties written for Confluent's
     * serializer work unchanged.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static SubjectNameStrategy forConfigValue(String value) {
        String trimmed = value == null ? "" : value.trim();
        for (SubjectNameStrategy strategy : values()) {
            String simpleName = strategy.confluentClassName.substring(strategy.confluentClassName.lastIndexOf('.') + 1);
            if (strategy.name().equalsIgnoreCase(trimmed)
                    || strategy.confluentClassName.equals(trimmed)
                    || simpleName.equals(trimmed)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("unknown subject name strategy '"
                + trimmed
                + "'; expected one of "
                + Arrays.stream(values())
                        .map(s -> s.name() + " (" + s.confluentClassName + ")")
                        .collect(Collectors.joining(", ")));
    }

    private static String recordName(SubjectNameStrategy strategy, boolean isKey, Schema schema) {
        if (schema != null && schema.getType() == Schema.Type.RECORD) {
            return schema.getFullName();
        }
        String what =
                schema == null ? "no schema" : "a " + schema.getType().getName().toLowerCase(Locale.ROOT) + " schema";
        throw new SerializationException("Subject name strategy "
                + strategy.name()
                + " needs an Avro record schema, but the message "
                + (isKey ? "key" : "value")
                + " has "
                + what
                + "; use TOPIC_NAME for "
                + (isKey ? "keys" : "values")
                + " that are not records");
    }
}
