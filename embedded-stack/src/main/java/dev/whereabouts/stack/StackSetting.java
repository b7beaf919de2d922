package dev.whereabouts.stack;

import dev.whereabouts.model.config.Setting;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Every setting of the embedded stack: its environment variable, default, doc line and validator.
 * A JVM system property with the same name in lower case with dots ({@code whereabouts.kafka.port})
 * wins over the environment variable, which wins over the default.
 */
public enum StackSetting {
    HOST(
            "WHEREABOUTS_HOST",
            "127.0.0.1",
            "Interface every embedded server binds to; loopback keeps the demo private.",
            v -> !v.isBlank()),
    DATA_DIR(
            "WHEREABOUTS_DATA_DIR",
            "data",
            "Directory holding Kafka's log, the registry's schemas and Neo4j's store; reused on the next start.",
            v -> !v.isBlank()),
    KAFKA_PORT("WHEREABOUTS_KAFKA_PORT", "9092", "Kafka client listener port.", Setting::isPort),
    KAFKA_CONTROLLER_PORT(
            "WHEREABOUTS_KAFKA_CONTROLLER_PORT", "9093", "Kafka KRaft controller listener port.", Setting::isPort),
    REGISTRY_PORT(
            "WHEREABOUTS_REGISTRY_PORT", "8081", "Schema registry HTTP port (Confluent REST API).", Setting::isPort),
    BOLT_PORT("WHEREABOUTS_BOLT_PORT", "7687", "Neo4j Bolt port.", Setting::isPort),
    KAFKA_HEAP_MB(
            "WHEREABOUTS_KAFKA_HEAP_MB",
            "512",
            "Maximum heap of the Kafka node JVM, in MiB.",
            v -> Setting.isIntBetween(v, 128, Integer.MAX_VALUE)),
    NEO4J_HEAP_MB(
            "WHEREABOUTS_NEO4J_HEAP_MB",
            "768",
            "Maximum heap of the Neo4j node JVM, in MiB.",
            v -> Setting.isIntBetween(v, 256, Integer.MAX_VALUE)),
    NEO4J_PAGECACHE_MB(
            "WHEREABOUTS_NEO4J_PAGECACHE_MB",
            "512",
            "Neo4j page cache size, in MiB.",
            v -> Setting.isIntBetween(v, 16, Integer.MAX_VALUE)),
    START_TIMEOUT_SECONDS(
            "WHEREABOUTS_START_TIMEOUT_SECONDS",
            "120",
            "How long to wait for every component to become ready.",
            v -> Setting.isIntBetween(v, 5, Integer.MAX_VALUE));

    private final Setting setting;

    StackSetting(String environmentVariable, String defaultValue, String doc, Predicate<String> validator) {
        this.setting = Setting.of(environmentVariable, defaultValue, doc, validator);
    }

    public String environmentVariable() {
        return setting.environmentVariable();
    }

    /** The system property that overrides the environment variable, e.g. {@code whereabouts.kafka.port}. */
    public String systemProperty() {
        return setting.systemProperty();
    }

    public String defaultValue() {
        return setting.defaultValue();
    }

    public String doc() {
        return setting.doc();
    }

    /** The value from system properties, then the environment, then the default; rejected when invalid. */
    String resolve(Map<String, String> environment, java.util.Properties systemProperties) {
        return setting.resolve(environment, systemProperties);
    }
}
