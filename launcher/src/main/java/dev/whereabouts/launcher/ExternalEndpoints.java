package dev.whereabouts.launcher;

import dev.whereabouts.model.config.Settings;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * External Kafka, registry and Neo4j to run the platform's services against instead of the embedded
 * stack: {@code --external-kafka=host:9092 --external-registry=http://host:8081
 * --external-neo4j=bolt://host:7687} (or {@code WHEREABOUTS_EXTERNAL_KAFKA}, ...), all three or none.
 *
 * @param replicationFactor replicas per partition for topics created on the cluster
 *                          ({@code --external-replication-factor}, default 3)
 */
record ExternalEndpoints(String bootstrapServers, URI registryUrl, URI boltUri, short replicationFactor) {

    static Optional<ExternalEndpoints> from(Map<String, String> environment, Properties systemProperties) {
        return from(Settings.of(environment, systemProperties));
    }

    /** The external endpoints when any is configured; an error naming what is missing when only some are. */
    static Optional<ExternalEndpoints> from(Settings settings) {
        String kafka = settings.get(PlatformSettings.EXTERNAL_KAFKA);
        String registry = settings.get(PlatformSettings.EXTERNAL_REGISTRY);
        String neo4j = settings.get(PlatformSettings.EXTERNAL_NEO4J);
        if (kafka.isEmpty() && registry.isEmpty() && neo4j.isEmpty()) {
            return Optional.empty();
        }
        if (kafka.isEmpty() || registry.isEmpty() || neo4j.isEmpty()) {
            throw new IllegalArgumentException("external services need all three of "
                    + PlatformSettings.EXTERNAL_KAFKA.optionName() + ", "
                    + PlatformSettings.EXTERNAL_REGISTRY.optionName() + " and "
                    + PlatformSettings.EXTERNAL_NEO4J.optionName() + "; missing: "
                    + (kafka.isEmpty() ? PlatformSettings.EXTERNAL_KAFKA.optionName() + " " : "")
                    + (registry.isEmpty() ? PlatformSettings.EXTERNAL_REGISTRY.optionName() + " " : "")
                    + (neo4j.isEmpty() ? PlatformSettings.EXTERNAL_NEO4J.optionName() : ""));
        }
        return Optional.of(new ExternalEndpoints(
                kafka,
                URI.create(registry),
                URI.create(neo4j),
                settings.get(PlatformSettings.EXTERNAL_REPLICATION_FACTOR).shortValue()));
    }
}
