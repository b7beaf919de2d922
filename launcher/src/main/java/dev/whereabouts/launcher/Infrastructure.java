package dev.whereabouts.launcher;

import dev.whereabouts.model.topic.TopicProvisioner;
import dev.whereabouts.stack.EmbeddedStack;
import dev.whereabouts.stack.StackConfig;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Where Kafka, the schema registry and Neo4j are: the embedded stack this process runs, or external
 * ones (a Kafka cluster, a Confluent-compatible registry, a Neo4j server) that the platform's
 * services are pointed at. Nothing above this type knows which.
 */
interface Infrastructure extends AutoCloseable {

    String bootstrapServers();

    URI registryUrl();

    URI boltUri();

    /** Replicas per partition for the topics the platform creates. */
    short replicationFactor();

    /** Endpoints for the start-up summary. */
    Map<String, String> endpoints();

    @Override
    void close();

    /** Starts the embedded stack (Kafka and Neo4j in child JVMs, the registry in-process). */
    static Infrastructure embedded(StackConfig config) {
        EmbeddedStack stack = EmbeddedStack.start(config);
        return new Infrastructure() {
            @Override
            public String bootstrapServers() {
                return stack.bootstrapServers();
            }

            @Override
            public URI registryUrl() {
                return stack.registryUrl();
            }

            @Override
            public URI boltUri() {
                return stack.boltUri();
            }

            @Override
            public short replicationFactor() {
                return 1;
            }

            @Override
            public Map<String, String> endpoints() {
                return stack.endpoints();
            }

            @Override
            public void close() {
                stack.close();
            }
        };
    }

    /**
     * External services, which this process neither starts nor stops; the catalogue's topics are
     * created on the cluster if missing. Neo4j credentials come from {@code WHEREABOUTS_API_BOLT_USER}
     * and {@code WHEREABOUTS_API_BOLT_PASSWORD}.
     */
    static Infrastructure external(ExternalEndpoints external) {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, external.bootstrapServers()))) {
            new TopicProvisioner(admin, external.replicationFactor(), 60_000).ensureAll();
        }
        return new Infrastructure() {
            @Override
            public String bootstrapServers() {
                return external.bootstrapServers();
            }

            @Override
            public URI registryUrl() {
                return external.registryUrl();
            }

            @Override
            public URI boltUri() {
                return external.boltUri();
            }

            @Override
            public short replicationFactor() {
                return external.replicationFactor();
            }

            @Override
            public Map<String, String> endpoints() {
                Map<String, String> endpoints = new LinkedHashMap<>();
                endpoints.put("Kafka (external)", external.bootstrapServers());
                endpoints.put("Registry (external)", external.registryUrl().toString());
                endpoints.put("Neo4j (external)", external.boltUri().toString());
                return endpoints;
            }

            @Override
            public void close() {
                // Not ours to stop.
            }
        };
    }
}
