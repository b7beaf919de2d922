package dev.whereabouts.model.serde;

import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Typed serdes for code that builds Kafka clients and topologies itself (the topic catalogue,
 * Kafka Streams); both halves share one registry client, which the caller owns and closes.
 */
public final class AvroSerdes {

    private AvroSerdes() {}

    /**
     * A serde for one generated record type: writes it with its own schema and reads any
     * compatible writer schema into it.
     *
     * @param type the generated class, e.g. {@code SharingEvent.class}
     * @param client the registry, usually a {@link CachingSchemaRegistryClient}
     * @param config registration mode and subject name strategies
     * @param isKey whether the serde is for message keys
     */
    public static <T extends SpecificRecord> Serde<T> specific(
            Class<T> type, SchemaRegistryClient client, SerdeConfig config, boolean isKey) {
        return Serdes.serdeFrom(
                new AvroSerializer<T>(client, config, isKey), new AvroDeserializer<>(client, config, isKey, type));
    }

    /**
     * A serde for {@link GenericRecord}s: writes each record with its own schema and reads it with
     * the writer's schema.
     *
     * @param client the registry, usually a {@link CachingSchemaRegistryClient}
     * @param config registration mode and subject name strategies
     * @param isKey whether the serde is for message keys
     */
    public static Serde<GenericRecord> generic(SchemaRegistryClient client, SerdeConfig config, boolean isKey) {
        return Serdes.serdeFrom(
                new AvroSerializer<GenericRecord>(client, config, isKey),
                new AvroDeserializer<GenericRecord>(client, config, isKey, null));
    }
}
