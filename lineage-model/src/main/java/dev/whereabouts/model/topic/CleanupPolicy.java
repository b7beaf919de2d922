package dev.whereabouts.model.topic;

/** Kafka {@code cleanup.policy} of a topic. */
public enum CleanupPolicy {
    /** Segments are deleted by age ({@link Topic#retention()}). */
    DELETE("delete"),
    /** The latest record per key is kept forever: state and catalog topics. */
    COMPACT("compact");

    private final String configValue;

    CleanupPolicy(String configValue) {
        this.configValue = configValue;
    }

    /** The value of Kafka's {@code cleanup.policy} topic config. */
    public String configValue() {
        return configValue;
    }
}
