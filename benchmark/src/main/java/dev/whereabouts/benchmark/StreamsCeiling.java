package dev.whereabouts.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Streams ceiling from the SPEC: a plain Kafka Streams application (group by key, aggregate into
 * RocksDB, exactly-once v2, 6 partitions, 2 threads, 1 s commits, like the lineage topology) over N
 * pre-loaded 200-byte records, timed from start until its committed offsets reach the end.
 */
final class StreamsCeiling {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsCeiling.class);

    private StreamsCeiling() {}

    /**
     * An idempotent producer whose first batch to a partition meets a leader not yet elected can stay
     * stuck in OUT_OF_ORDER_SEQUENCE_NUMBER retries: produce only once every partition has a leader.
     */
    private static void awaitLeaders(KafkaProgress progress, String topic) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!allLed(progress, topic)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the partitions of " + topic + " have no leader after 30 s");
            }
            Thread.sleep(100);
        }
        Thread.sleep(1_000);
    }

    /** Whether every partition has a leader; a topic just created may not be known to the broker yet. */
    private static boolean allLed(KafkaProgress progress, String topic) throws Exception {
        try {
            return progress
                    .admin()
                    .describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .stream()
                    .noneMatch(p -> p.leader() == null || p.leader().isEmpty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    /**
     * @param keys  distinct keys the records are spread over
     * @param rekey whether a {@code map} to a new key comes first, as in STACK.md's reference (the Streams
     *              phase's ceiling): Streams cannot know the key is unchanged, so the aggregate then reads
     *              through a repartition topic; without it (the end-to-end ceiling) the aggregate reads the
     *              input directly
     * @return records/s
     */
    static double run(
            String bootstrapServers, int records, int keys, boolean rekey, Path stateDirectory, Duration timeout)
            throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        String topic = "bench-ceiling-" + run;
        try (KafkaProgress progress = new KafkaProgress(bootstrapServers)) {
            progress.admin()
                    .createTopics(List.of(new NewTopic(topic, 6, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            awaitLeaders(progress, topic);
            byte[] value = new byte[200];
            new SplittableRandom(1).nextBytes(value);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrapServers,
                            ProducerConfig.ACKS_CONFIG,
                            "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                            true,
                            ProducerConfig.COMPRESSION_TYPE_CONFIG,
                            "lz4",
                            ProducerConfig.LINGER_MS_CONFIG,
                            10),
                    new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                for (int i = 0; i < records; i++) {
                    producer.send(new ProducerRecord<>(
                            topic, ("person-" + (i % keys)).getBytes(java.nio.charset.StandardCharsets.UTF_8), value));
                }
            }
            LOG.info("Streams ceiling: {} records on {}, aggregating", records, topic);
            StreamsBuilder builder = new StreamsBuilder();
            KStream<byte[], byte[]> input =
                    builder.stream(topic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()));
            (rekey ? input.map(KeyValue::pair) : input)
                    .groupByKey(Grouped.with(Serdes.ByteArray(), Serdes.ByteArray()))
                    .aggregate(
                            () -> 0L,
                            (key, bytes, total) -> total + bytes.length,
                            Materialized.<byte[], Long, KeyValueStore<Bytes, byte[]>>as("bench-ceiling-store")
                                    .withKeySerde(Serdes.ByteArray())
                                    .withValueSerde(Serdes.Long()));
            String applicationId = "bench-ceiling-" + run;
            Properties properties = new Properties();
            properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
            properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
            properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
            properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
            properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            try (KafkaStreams streams = new KafkaStreams(builder.build(), properties)) {
                streams.start();
                while (progress.lag(applicationId, Map.of(topic, false)) > 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the Streams ceiling did not finish within " + timeout);
                    }
                    Thread.sleep(100);
                }
                double rate = records / ((System.nanoTime() - start) / 1e9);
                streams.close(Duration.ofSeconds(30));
                streams.cleanUp();
                progress.admin().deleteTopics(List.of(topic));
                return rate;
            }
        }
    }
}
