package dev.whereabouts.benchmark;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group has come through topics, from its committed offsets: the benchmark's
 * measure of "processed and committed" for Streams and for the graph writer.
 */
final class KafkaProgress implements AutoCloseable {

    private final Admin admin;

    KafkaProgress(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /**
     * Records of {@code topics} the group has not committed yet. A topic written with exactly-once
     * (value {@code true}) ends with a transaction marker that a consumer committing "last record + 1"
     * never counts, so one offset per partition is allowed for it.
     */
    long lag(String group, Map<String, Boolean> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (var description : admin.describeTopics(topics.keySet()).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
            description.partitions().forEach(p -> latest.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        long lag = 0;
        for (var end : ends.entrySet()) {
            long slack = topics.get(end.getKey().topic()) ? 1 : 0;
            OffsetAndMetadata offset = committed.get(end.getKey());
            long done = offset == null ? 0 : offset.offset();
            if (end.getValue().offset() > 0) {
                lag += Math.max(0, end.getValue().offset() - slack - done);
            }
        }
        return lag;
    }

    /** The sum of the end offsets of a topic's partitions (records plus transaction markers). */
    long endOffsets(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close();
    }
}
