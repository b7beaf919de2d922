package dev.whereabouts.launcher;

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

    /** Option names with their environment variables and docs. */
    static final Map<String, String[]> OPTIONS = Map.of(
            "external-kafka",
                    new String[] {"WHEREABOUTS_EXTERNAL_KAFKA", "Bootstrap servers of an external Kafka cluster."},
            "external-registry",
                    new String[] {
                        "WHEREABOUTS_EXTERNAL_REGISTRY", "URL of an external Confluent-compatible schema registry."
                    },
            "external-neo4j", new String[] {"WHEREABOUTS_EXTERNAL_NEO4J", "Bolt URI of an external Neo4j."},
            "external-replication-factor",
                    new String[] {
                        "WHEREABOUTS_EXTERNAL_REPLICATION_FACTOR",
                        "Replicas per partition for topics created on the external cluster (default 3)."
                    });

    /** The external endpoints when any is configured; an error naming what is missing when only some are. */
    static Optional<ExternalEndpoints> from(Map<String, String> environment, Properties systemProperties) {
        String kafka = value("external-kafka", environment, systemProperties);
        String registry = value("external-registry", environment, systemProperties);
        String neo4j = value("external-neo4j", environment, systemProperties);
        if (kafka == null && registry == null && neo4j == null) {
            return Optional.empty();
        }
        if (kafka == null || registry == null || neo4j == null) {
            throw new IllegalArgumentException(
                    "external services need all three of --external-kafka, --external-registry and"
                            + " --external-neo4j; missing: " + (kafka == null ? "--external-kafka " : "")
                            + (registry == null ? "--external-registry " : "")
                            + (neo4j == null ? "--external-neo4j" : ""));
        }
        String factor = value("external-replication-factor", environment, systemProperties);
        short replication;
        try {
            replication = factor == null ? 3 : Short.parseShort(factor.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--external-replication-factor must be a number, got '" + factor + "'");
        }
        if (!registry.startsWith("http://") && !registry.startsWith("https://")) {
            throw new IllegalArgumentException("--external-registry must be an http(s) URL, got '" + registry + "'");
        }
        if (!neo4j.matches("(bolt|neo4j)(\\+s|\\+ssc)?://.+")) {
            throw new IllegalArgumentException(
                    "--external-neo4j must be a bolt:// or neo4j:// URI, got '" + neo4j + "'");
        }
        return Optional.of(new ExternalEndpoints(
                kafka.trim(), URI.create(registry.trim()), URI.create(neo4j.trim()), replication));
    }

    static String systemProperty(String option) {
        return "whereabouts." + option.replace('-', '.');
    }

    private static String value(String option, Map<String, String> environment, Properties systemProperties) {
        String value = systemProperties.getProperty(systemProperty(option), environment.get(OPTIONS.get(option)[0]));
        return value == null || value.isBlank() ? null : value;
    }
}
