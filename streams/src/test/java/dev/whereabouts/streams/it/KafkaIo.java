package dev.whereabouts.streams.it;

import dev.whereabouts.model.serde.CachingSchemaRegistryClient;
import dev.whereabouts.model.serde.RestSchemaRegistryClient;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.topic.Topic;
import dev.whereabouts.model.topic.TopicSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces to and reads from the catalogue's topics on a real broker, with the serdes every
 * module uses. Reads are read_committed: only what the topology committed is visible.
 */
public final class KafkaIo implements AutoCloseable {

    private final String bootstrap;
    private final SchemaRegistryClient registry;
    private final TopicSerdes serdes;
    private final KafkaProducer<byte[], byte[]> producer;

    public KafkaIo(String bootstrap, String registryUrl) {
        this.bootstrap = bootstrap;
        SerdeConfig config =
                SerdeConfig.builder().schemaRegistryUrl(registryUrl).build();
        this.registry = CachingSchemaRegistryClient.forConfig(new RestSchemaRegistryClient(config), config);
        this.serdes = new TopicSerdes(registry, config);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public TopicSerdes serdes() {
        return serdes;
    }

    public KafkaProducer<byte[], byte[]> producer() {
        return producer;
    }

    public <K, V> void send(Topic<K, V> topic, K key, V value) {
        producer.send(record(topic, key, value));
    }

    public <K, V> ProducerRecord<byte[], byte[]> record(Topic<K, V> topic, K key, V value) {
        return new ProducerRecord<>(
                topic.name(),
                serdes.keySerde(topic).serializer().serialize(topic.name(), key),
                serdes.valueSerde(topic).serializer().serialize(topic.name(), value));
    }

    public void flush() {
        producer.flush();
    }

    /** A consumer of one topic from its beginning, read_committed. */
    public <K, V> Reader<K, V> reader(Topic<K, V> topic) {
        return new Reader<>(topic);
    }

    /** Everything read so far from one topic; {@link #until} polls until a condition holds. */
    public final class Reader<K, V> implements AutoCloseable {
        private final Topic<K, V> topic;
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<ConsumerRecord<K, V>> records = new ArrayList<>();

        Reader(Topic<K, V> topic) {
            this.topic = topic;
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID());
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
            this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            // From the declaration, not metadata: a topic the fixture just recreated may not be in metadata yet.
            List<TopicPartition> partitions = java.util.stream.IntStream.range(0, topic.partitions())
                    .mapToObj(p -> new TopicPartition(topic.name(), p))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Polls once for up to {@code wait}; returns the records read by this call. */
        public List<ConsumerRecord<K, V>> poll(Duration wait) {
            List<ConsumerRecord<K, V>> fresh = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> raw : consumer.poll(wait)) {
                K key = serdes.keySerde(topic).deserializer().deserialize(topic.name(), raw.key());
                V value = serdes.valueSerde(topic).deserializer().deserialize(topic.name(), raw.value());
                fresh.add(new ConsumerRecord<>(
                        raw.topic(),
                        raw.partition(),
                        raw.offset(),
                        raw.timestamp(),
                        raw.timestampType(),
                        raw.serializedKeySize(),
                        raw.serializedValueSize(),
                        key,
                        value,
                        raw.headers(),
                        raw.leaderEpoch()));
            }
            records.addAll(fresh);
            return fresh;
        }

        public List<ConsumerRecord<K, V>> until(Predicate<List<ConsumerRecord<K, V>>> done, Duration timeout) {
            Instant deadline = Instant.now().plus(timeout);
            while (!done.test(records)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("timed out after " + timeout + " waiting on " + topic.name() + "; read "
                            + records.size() + " records");
                }
                poll(Duration.ofMillis(200));
            }
            return records;
        }

        public List<ConsumerRecord<K, V>> records() {
            return records;
        }

        /** The latest value per key, as compaction would keep it. */
        public Map<K, V> table() {
            Map<K, V> table = new java.util.LinkedHashMap<>();
            records.forEach(r -> table.put(r.key(), r.value()));
            return table;
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        registry.close();
    }
}
