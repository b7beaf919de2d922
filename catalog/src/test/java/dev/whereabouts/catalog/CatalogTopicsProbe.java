package dev.whereabouts.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.serde.CachingSchemaRegistryClient;
import dev.whereabouts.model.serde.RestSchemaRegistryClient;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.topic.Topic;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.stack.junit.StackFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test helper: the raw records of a catalog topic, and the clients the catalog classes need. */
final class CatalogTopicsProbe implements AutoCloseable {

    /** One record as it is on the topic: its key and whether it is a tombstone. */
    record Raw(long offset, String key, boolean tombstone) {}

    private final StackFixture stack;
    private final SchemaRegistryClient registry;
    private final TopicSerdes serdes;

    CatalogTopicsProbe(StackFixture stack) {
        this.stack = stack;
        SerdeConfig config = SerdeConfig.builder()
                .schemaRegistryUrl(stack.registryUrl().toString())
                .build();
        this.registry = new CachingSchemaRegistryClient(new RestSchemaRegistryClient(config));
        this.serdes = new TopicSerdes(registry, config);
    }

    TopicSerdes serdes() {
        return serdes;
    }

    Map<String, Object> kafka() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    }

    /** Every record of the topic's single partition from {@code fromOffset} to its current end. */
    List<Raw> records(Topic<?, ?> topic, long fromOffset) {
        List<Raw> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(kafka(), new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic.name(), 0);
            consumer.assign(List.of(partition));
            consumer.seek(partition, fromOffset);
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(new Raw(record.offset(), record.key(), record.value() == null));
                }
            }
        }
        return records;
    }

    /** The offset the next record of the topic will get. */
    long endOffset(Topic<?, ?> topic) {
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(kafka(), new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic.name(), 0);
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    /** Writes bytes that are no Avro record at all under {@code key}. */
    void producePoison(Topic<?, ?> topic, String key) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, new byte[] {0, 0, 0, 0, 99, 1, 2, 3}))
                    .get();
        }
    }

    /** Waits until the condition holds; fails after 30 s. */
    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        registry.close();
    }
}
