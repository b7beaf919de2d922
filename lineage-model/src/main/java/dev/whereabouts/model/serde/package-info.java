/**
 * Kafka serde for Avro in the Confluent wire format, and a client for the Confluent Schema
 * Registry REST API.
 *
 * <p>Messages written here are byte-for-byte what Confluent's {@code KafkaAvroSerializer}
 * writes, and every message that serializer writes can be read here, so services built on this
 * package interoperate with any Confluent-compatible tooling (Confluent Schema Registry,
 * Karapace, Redpanda, Apicurio's ccompat API, the project's embedded registry). Confluent's
 * jars are not on Maven Central, which is why the project owns this code; see
 * {@code docs/serde.md} for the wire format, configuration keys and the compatibility notes.
 *
 * <p>Entry points: {@link dev.whereabouts.model.serde.AvroSerdes} for typed serdes in code,
 * {@link dev.whereabouts.model.serde.AvroSerializer} / {@link
 * dev.whereabouts.model.serde.AvroDeserializer} by class name in Kafka properties, and {@link
 * dev.whereabouts.model.serde.SerdeConfig} for every configuration key.
 */
package dev.whereabouts.model.serde;
