package dev.whereabouts.model.serde;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry REST API the serde and the tooling need.
 *
 * <p>Implementations: {@link RestSchemaRegistryClient} speaks HTTP to any Confluent-compatible
 * registry; {@link CachingSchemaRegistryClient} wraps another client so the record path makes no
 * network call in steady state. Every method throws {@link SchemaRegistryException} (or its
 * subtype {@link SchemaRegistryConnectionException}) on failure, carrying the registry's {@code
 * error_code}. Implementations are thread-safe.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /**
     * Registers {@code schema} under {@code subject} ({@code POST /subjects/{subject}/versions}),
     * or finds it if already registered there.
     *
     * @return the registry-wide schema id
     * @throws SchemaRegistryException with {@code 409} when the subject's compatibility policy
     *     rejects the schema, {@code 42201} when the registry finds it invalid
     */
    int register(String subject, Schema schema);

    /**
     * Looks up the id of {@code schema} under {@code subject} without registering it ({@code POST
     * /subjects/{subject}}).
     *
     * @throws SchemaRegistryException with {@code 40401} for an unknown subject, {@code 40403} when
     *     the schema is not registered under it
     */
    int idOf(String subject, Schema schema);

    /**
     * Fetches the schema with the given id ({@code GET /schemas/ids/{id}}).
     *
     * @throws SchemaRegistryException with {@code 40403} for an unknown id
     */
    Schema schemaById(int id);

    /**
     * Fetches the newest version of {@code subject} ({@code GET
     * /subjects/{subject}/versions/latest}).
     *
     * @throws SchemaRegistryException with {@code 40401} for an unknown subject
     */
    RegisteredSchema latest(String subject);

    /** Lists all subjects ({@code GET /subjects}). */
    List<String> subjects();

    /**
     * Asks whether {@code schema} could be registered under {@code subject} given its
     * compatibility policy, checked against the latest version ({@code POST
     * /compatibility/subjects/{subject}/versions/latest}). A subject with no versions yet accepts
     * any schema, so this answers {@code true} for it.
     */
    boolean isCompatible(String subject, Schema schema);

    /** Releases connections and caches; calls after close are not supported. */
    @Override
    void close();
}
