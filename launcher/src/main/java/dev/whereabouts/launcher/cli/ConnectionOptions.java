package dev.whereabouts.launcher.cli;

import dev.whereabouts.model.config.CommonSettings;
import dev.whereabouts.model.config.KafkaClientSettings;
import dev.whereabouts.model.config.SettingOptions;
import dev.whereabouts.model.config.Settings;
import dev.whereabouts.model.serde.CachingSchemaRegistryClient;
import dev.whereabouts.model.serde.RestSchemaRegistryClient;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.topic.TopicSerdes;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where Kafka and the schema registry are, for a command that talks to them: the options of
 * {@link CommonSettings#CONNECTION}, generated from the declarations ({@code --kafka-bootstrap-servers},
 * {@code --registry-url}; the former {@code --bootstrap-servers} still works). Defaults match the
 * embedded stack's default ports.
 */
public final class ConnectionOptions {

    private SettingOptions options;

    /** Adds the connection options to {@code spec}. */
    public void addTo(CommandSpec spec) {
        options = SettingOptions.addTo(spec, List.of(CommonSettings.CONNECTION));
    }

    /** The environment and system properties with the options given on top. */
    Settings settings() {
        return options.applyTo(Settings.fromProcess());
    }

    String bootstrapServers() {
        return settings().get(CommonSettings.KAFKA_BOOTSTRAP_SERVERS);
    }

    Map<String, Object> kafkaProperties() {
        return KafkaClientSettings.clientProperties(settings());
    }

    SerdeConfig serdeConfig() {
        return SerdeConfig.fromMap(
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, settings().get(CommonSettings.REGISTRY_URL)));
    }

    SchemaRegistryClient registry() {
        return new CachingSchemaRegistryClient(new RestSchemaRegistryClient(serdeConfig()));
    }

    TopicSerdes serdes(SchemaRegistryClient registry) {
        return new TopicSerdes(registry, serdeConfig());
    }
}
