package dev.whereabouts.stack;

import java.util.Map;
import java.util.function.Predicate;

/**
 * Every setting of the embedded stack: its environment variable, default, doc line and validator.
 * A JVM system property with the same name in lower case with dots ({@code whereabouts.kafka.port})
 * wins over the environment variable, which wins over the default.
 */
public enum StackSetting {
    HOST("WHEREABOUTS_HOST", "127.0.0.1", "Interface every embedded server binds to; loopback keeps the demo private.",
            v -> !v.isBlank()),
    DATA_DIR("WHEREABOUTS_DATA_DIR", "data", "Directory holding Kafka's log, the registry's schemas and Neo4j's store; reused on the next start.",
            v -> !v.isBlank()),
    KAFKA_PORT("WHEREABOUTS_KAFKA_PORT", "9092", "Kafka client listener port.", StackSetting::isPort),
    KAFKA_CONTROLLER_PORT("WHEREABOUTS_KAFKA_CONTROLLER_PORT", "9093", "Kafka KRaft controller listener port.", StackSetting::isPort),
    REGISTRY_PORT("WHEREABOUTS_REGISTRY_PORT", "8081", "Schema registry HTTP port (Confluent REST API).", StackSetting::isPort),
    BOLT_PORT("WHEREABOUTS_BOLT_PORT", "7687", "Neo4j Bolt port.", StackSetting::isPort),
    KAFKA_HEAP_MB("WHEREABOUTS_KAFKA_HEAP_MB", "512", "Maximum heap of the Kafka node JVM, in MiB.", v -> isIntAtLeast(v, 128)),
    NEO4J_HEAP_MB("WHEREABOUTS_NEO4J_HEAP_MB", "768", "Maximum heap of the Neo4j node JVM, in MiB.", v -> isIntAtLeast(v, 256)),
    NEO4J_PAGECACHE_MB("WHEREABOUTS_NEO4J_PAGECACHE_MB", "512", "Neo4j page cache size, in MiB.", v -> isIntAtLeast(v, 16)),
    START_TIMEOUT_SECONDS("WHEREABOUTS_START_TIMEOUT_SECONDS", "120", "How long to wait for every component to become ready.",
            v -> isIntAtLeast(v, 5));

    private final String environmentVariable;
    private final String defaultValue;
    private final String doc;
    private final Predicate<String> validator;

    StackSetting(String environmentVariable, String defaultValue, String doc, Predicate<String> validator) {
        this.environmentVariable = environmentVariable;
        this.defaultValue = defaultValue;
        this.doc = doc;
        this.validator = validator;
    }

    public String environmentVariable() {
        return environmentVariable;
    }

    /** The system property that overrides the environment variable, e.g. {@code whereabouts.kafka.port}. */
    public String systemProperty() {
        return environmentVariable.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    /** The value from system properties, then the environment, then the default; rejected when invalid. */
    String resolve(Map<String, String> environment, java.util.Properties systemProperties) {
        String value = systemProperties.getProperty(systemProperty());
        String source = "system property " + systemProperty();
        if (value == null) {
            value = environment.get(environmentVariable);
            source = "environment variable " + environmentVariable;
        }
        if (value == null) {
            return defaultValue;
        }
        String trimmed = value.trim();
        if (!validator.test(trimmed)) {
            throw new IllegalArgumentException(source + " has invalid value '" + value + "': " + doc);
        }
        return trimmed;
    }

    private static boolean isPort(String value) {
        try {
            int port = Integer.parseInt(value);
            return port >= 0 && port <= 65535;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isIntAtLeast(String value, int min) {
        try {
            return Integer.parseInt(value) >= min;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
