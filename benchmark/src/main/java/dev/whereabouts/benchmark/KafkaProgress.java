package dev.whereabouts.benchmark;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How far a consumer group has come through topics, from its committed offsets: the benchmark's
 * measure of "processed and committed" for Streams and for the graph writer.
 */
final class KafkaProgress implements AutoCloseable {

    private final Admin admin;
    private final String bootstrapServers;
    private KafkaConsumer<byte[], byte[]> reader;

    KafkaProgress(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /**
     * Records of {@code topics} the group has not committed yet. A topic written with exactly-once
     * (value {@code true}) ends with transaction markers, and may hold aborted records, that a consumer
     * committing "last record + 1" never passes: for those, the end is the offset after the last
     * committed record, found by reading the partition's tail read_committed.
     */
    long lag(String group, Map<String, Boolean> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (var description : admin.describeTopics(topics.keySet())
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .values()) {
            description
                    .partitions()
                    .forEach(p ->
                            latest.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest)
                .all()
                .get(30, TimeUnit.SECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        Map<TopicPartition, Long> transactional = new HashMap<>();
        ends.forEach((partition, end) -> {
            OffsetAndMetadata offset = committed.get(partition);
            if (topics.get(partition.topic()) && end > 0 && (offset == null || offset.offset() < end)) {
                transactional.put(partition, end);
            }
        });
        ends.putAll(lastRecordEnds(transactional));
        long lag = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            lag += Math.max(0, end.getValue() - (offset == null ? 0 : offset.offset()));
        }
        return lag;
    }

    /** For each partition, the offset after its last committed record below {@code ends} (0 when it has none). */
    private Map<TopicPartition, Long> lastRecordEnds(Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> result = new HashMap<>();
        if (ends.isEmpty()) {
            return result;
        }
        for (long window : new long[] {2_000, Long.MAX_VALUE}) {
            Map<TopicPartition, Long> pending = new HashMap<>(ends);
            pending.keySet().removeAll(result.keySet());
            if (pending.isEmpty()) {
                break;
            }
            KafkaConsumer<byte[], byte[]> reader = reader();
            reader.assign(pending.keySet());
            pending.forEach((partition, end) -> reader.seek(partition, Math.max(0, end - Math.min(end, window))));
            Map<TopicPartition, Long> last = new HashMap<>();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (pending.entrySet().stream().anyMatch(e -> reader.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the tail of " + pending.keySet() + " within 30 s");
                }
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(100))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < pending.get(partition)) {
                        last.merge(partition, record.offset() + 1, Math::max);
                    }
                }
            }
            pending.forEach((partition, end) -> {
                if (last.containsKey(partition)) {
                    result.put(partition, last.get(partition));
                } else if (window == Long.MAX_VALUE || end <= window) {
                    result.put(partition, 0L);
                }
            });
        }
        return result;
    }

    private KafkaConsumer<byte[], byte[]> reader() {
        if (reader == null) {
            reader = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrapServers,
                            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                            "read_committed",
                            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                            false,
                            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                            5_000),
                    new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
        }
        return reader;
    }

    /**
     * The records of a topic readable read_committed (no transaction markers, no aborted records),
     * counted by reading it through without keeping anything.
     */
    long committedRecords(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(java.util.List.of(topic))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        // Up to the last stable offset: a transaction still open (Streams running) would hold a read_committed
        // reader short of the end offset for as long as it stays open.
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get(30, TimeUnit.SECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        KafkaConsumer<byte[], byte[]> reader = reader();
        reader.assign(ends.keySet());
        reader.seekToBeginning(ends.keySet());
        long records = 0;
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (ends.entrySet().stream().anyMatch(e -> reader.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + topic + " through within 10 minutes");
            }
            for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                    records++;
                }
            }
        }
        return records;
    }

    /** The sum of the end offsets of a topic's partitions (records plus transaction markers). */
    long endOffsets(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(java.util.List.of(topic))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                .sum();
    }

    Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
        admin.close();
    }
}
