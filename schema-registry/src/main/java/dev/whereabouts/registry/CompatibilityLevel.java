package dev.whereabouts.registry;

/**
 * How a new schema version must relate to the versions already registered under a subject.
 *
 * <p>The names and meanings are Confluent Schema Registry's. "New can read old" means a reader
 * using the new schema can decode data written with an older one.
 */
public enum CompatibilityLevel {
    /** Any schema is accepted. */
    NONE,
    /** The new schema can read data written with the latest registered version. */
    BACKWARD,
    /** The new schema can read data written with every non-deleted version. */
    BACKWARD_TRANSITIVE,
    /** The latest registered version can read data written with the new schema. */
    FORWARD,
    /** Every non-deleted version can read data written with the new schema. */
    FORWARD_TRANSITIVE,
    /** Both {@link #BACKWARD} and {@link #FORWARD} against the latest version. */
    FULL,
    /** Both {@link #BACKWARD_TRANSITIVE} and {@link #FORWARD_TRANSITIVE}. */
    FULL_TRANSITIVE
}
