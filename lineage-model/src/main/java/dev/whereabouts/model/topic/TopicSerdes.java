package dev.whereabouts.model.topic;

import dev.whereabouts.model.serde.AvroSerdes;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Derives a topic's key and value serdes from its declared types: {@code String} and {@code byte[]}
 * use Kafka's own serdes, Avro specific records the Confluent-wire-format serde. Every producer,
 * consumer and topology gets its serdes here, so a topic is read the way it is written.
 */
public final class TopicSerdes {

    private final SchemaRegistryClient registry;
    private final SerdeConfig config;

    /**
     * @param registry the registry client, shared by every serde made here; the caller closes it
     * @param config   registration mode and subject naming
     */
    public TopicSerdes(SchemaRegistryClient registry, SerdeConfig config) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.config = Objects.requireNonNull(config, "config");
    }

    public <K> Serde<K> keySerde(Topic<K, ?> topic) {
        return serdeFor(topic.keyType(), true);
    }

    public <V> Serde<V> valueSerde(Topic<?, V> topic) {
        return serdeFor(topic.valueType(), false);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T> Serde<T> serdeFor(Class<T> type, boolean isKey) {
        if (type == String.class) {
            return (Serde<T>) Serdes.String();
        }
        if (type == byte[].class) {
            return (Serde<T>) Serdes.ByteArray();
        }
        if (SpecificRecord.class.isAssignableFrom(type)) {
            return (Serde<T>) AvroSerdes.specific((Class) type, registry, config, isKey);
        }
        throw new IllegalArgumentException("no serde for topic type " + type.getName());
    }
}
