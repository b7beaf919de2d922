package dev.whereabouts.ingest.cli;

import dev.whereabouts.model.serde.CachingSchemaRegistryClient;
import dev.whereabouts.model.serde.RestSchemaRegistryClient;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.topic.TopicSerdes;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/** Where Kafka and the schema registry are; defaults match the embedded stack's default ports. */
final class ConnectionOptions {

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            defaultValue = "${env:WHEREABOUTS_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka bootstrap servers (env WHEREABOUTS_BOOTSTRAP_SERVERS, default ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(
            names = "--registry-url",
            paramLabel = "URL",
            defaultValue = "${env:WHEREABOUTS_REGISTRY_URL:-http://127.0.0.1:8081}",
            description = "Schema registry URL (env WHEREABOUTS_REGISTRY_URL, default ${DEFAULT-VALUE}).")
    String registryUrl;

    Map<String, Object> kafkaProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return properties;
    }

    SerdeConfig serdeConfig() {
        return SerdeConfig.fromMap(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl));
    }

    SchemaRegistryClient registry() {
        return new CachingSchemaRegistryClient(new RestSchemaRegistryClient(serdeConfig()));
    }

    TopicSerdes serdes(SchemaRegistryClient registry) {
        return new TopicSerdes(registry, serdeConfig());
    }
}
