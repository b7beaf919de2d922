package dev.whereabouts.model.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The one way a service turns settings into Kafka client properties: the bootstrap servers of
 * {@link CommonSettings#KAFKA_BOOTSTRAP_SERVERS} plus every {@link CommonSettings#KAFKA_CLIENT_PREFIX}
 * pass-through property. Services add their own fixed properties on top.
 */
public final class KafkaClientSettings {

    private KafkaClientSettings() {}

    /** Properties for an admin client, producer or consumer. */
    public static Map<String, Object> clientProperties(Settings settings) {
        Map<String, Object> properties = new LinkedHashMap<>(settings.passThrough(CommonSettings.KAFKA_CLIENT_PREFIX));
        properties.put(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.get(CommonSettings.KAFKA_BOOTSTRAP_SERVERS));
        return properties;
    }

    /** {@link #clientProperties} with {@code extra} on top. */
    public static Map<String, Object> clientProperties(Settings settings, Map<String, ?> extra) {
        Map<String, Object> properties = clientProperties(settings);
        properties.putAll(extra);
        return properties;
    }

    /** Properties for Kafka Streams: the client properties, then {@link CommonSettings#KAFKA_STREAMS_PREFIX}. */
    public static Map<String, Object> streamsProperties(Settings settings) {
        Map<String, Object> properties = clientProperties(settings);
        properties.putAll(settings.passThrough(CommonSettings.KAFKA_STREAMS_PREFIX));
        return properties;
    }
}
