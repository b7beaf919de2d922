package dev.whereabouts.stack.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.model.serde.CachingSchemaRegistryClient;
import dev.whereabouts.model.serde.RestSchemaRegistryClient;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.serde.SchemaRegistryException;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.serde.WireFormat;
import dev.whereabouts.model.sharing.SharingEvent;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Scenarios every registry and broker pair must pass: the embedded stack here, and real Confluent
 * images wherever Docker exists. The subclass says where the broker and the registry are.
 */
abstract class RegistryAndBrokerScenarios {

    private final List<AutoCloseable> resources = new ArrayList<>();

    abstract String bootstrapServers();

    abstract String registryUrl();

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void shouldProduceAndConsumeASharingEventInTheConfluentWireFormat() {
        SharingEvent event = dev.whereabouts.stack.SharingEvents.aPostmarkMail();
        TopicSerdes serdes = serdes();
        Serde<SharingEvent> valueSerde = serdes.valueSerde(Topics.SHARING_EVENTS);

        try (KafkaProducer<String, SharingEvent> producer =
                new KafkaProducer<>(producerConfig(), new StringSerializer(), valueSerde.serializer())) {
            producer.send(new ProducerRecord<>(Topics.SHARING_EVENTS.name(), "s-1", event))
                    .get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        ConsumerRecord<String, byte[]> raw = consumeOne();
        int id = ByteBuffer.wrap(raw.value(), 1, 4).getInt();
        assertThat(raw.value()[0]).isEqualTo(WireFormat.MAGIC_BYTE);
        assertThat(id)
                .isEqualTo(registry()
                        .latest(Topics.SHARING_EVENTS.name() + "-value")
                        .id());
        assertThat(valueSerde.deserializer().deserialize(Topics.SHARING_EVENTS.name(), raw.value()))
                .isEqualTo(event);
    }

    @Test
    void shouldRejectAnIncompatibleSchemaWithConfluentsErrorCode() {
        String subject = "interop-" + UUID.randomUUID() + "-value";
        Schema v1 = SchemaBuilder.record("Person")
                .namespace("dev.whereabouts.interop")
                .fields()
                .requiredString("id")
                .endRecord();
        Schema breaking = SchemaBuilder.record("Person")
                .namespace("dev.whereabouts.interop")
                .fields()
                .requiredString("id")
                .requiredString("email")
                .endRecord();
        SchemaRegistryClient registry = registry();
        int id = registry.register(subject, v1);

        assertThat(registry.register(subject, v1)).as("same schema, same id").isEqualTo(id);
        assertThat(registry.isCompatible(subject, breaking)).isFalse();
        assertThatThrownBy(() -> registry.register(subject, breaking))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                });
    }

    @Test
    void shouldReadRecordsWrittenWithAnOlderSchemaVersion() {
        String topic = Topics.SHARING_EVENTS.name();
        Schema v1 = SchemaBuilder.record("Visit")
                .namespace("dev.whereabouts.interop")
                .fields()
                .requiredString("page")
                .endRecord();
        Schema v2 = SchemaBuilder.record("Visit")
                .namespace("dev.whereabouts.interop")
                .fields()
                .requiredString("page")
                .name("referrer")
                .type()
                .stringType()
                .stringDefault("direct")
                .endRecord();
        SerdeConfig config = SerdeConfig.fromMap(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL,
                registryUrl(),
                SerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
                "RECORD_NAME"));
        var writer = new dev.whereabouts.model.serde.AvroSerializer<GenericRecord>(registry(), config, false);
        GenericRecord old = new GenericData.Record(v1);
        old.put("page", "/pricing");
        byte[] bytes = writer.serialize(topic, old);
        registry().register("dev.whereabouts.interop.Visit", v2);

        var reader = new dev.whereabouts.model.serde.AvroDeserializer<GenericRecord>(registry(), config, false, null);
        GenericRecord read = reader.deserialize(topic, bytes);

        assertThat(read.get("page").toString()).isEqualTo("/pricing");
        assertThat(read.getSchema())
                .as("generic readers see the writer's schema")
                .isEqualTo(v1);
    }

    private TopicSerdes serdes() {
        return new TopicSerdes(registry(), SerdeConfig.fromMap(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl())));
    }

    private SchemaRegistryClient registry() {
        SchemaRegistryClient client = new CachingSchemaRegistryClient(new RestSchemaRegistryClient(registryUrl()));
        resources.add(client);
        return client;
    }

    private Map<String, Object> producerConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
    }

    private ConsumerRecord<String, byte[]> consumeOne() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "interop-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.SHARING_EVENTS.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    return record;
                }
            }
        }
        throw new AssertionError("no record on " + Topics.SHARING_EVENTS.name() + " within 30 s");
    }
}
