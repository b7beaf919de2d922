package dev.whereabouts.benchmark;

import dev.whereabouts.model.dsr.HolderTask;
import dev.whereabouts.model.dsr.RequestState;
import dev.whereabouts.model.dsr.RequestStatus;
import dev.whereabouts.model.topic.Topic;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Erasure fan-out as both the erasure and the streams phases time it: from the moment a request is
 * filed (or, when the catalog asks for identity verification, verified) until the last of its
 * tasks (as many as the request's first status after fan-out lists) is readable
 * read_committed on the tasks topic. A thread of its own reads the tasks and statuses from their end
 * at construction, so a task is stamped when it becomes readable, not when the filer gets round to it.
 */
final class TaskWatch implements AutoCloseable {

    /** States of a request whose tasks have been issued (earlier statuses list none yet). */
    private static final java.util.Set<RequestState> FANNED_OUT = java.util.EnumSet.of(
            RequestState.IN_PROGRESS,
            RequestState.COMPLETED,
            RequestState.PARTIALLY_COMPLETED,
            RequestState.NO_DATA_HELD);

    private final Map<String, Long> filedAt = new ConcurrentHashMap<>();
    private final Map<String, Integer> expected = new ConcurrentHashMap<>();
    private final Map<String, Integer> seen = new ConcurrentHashMap<>();
    private final Map<String, Long> lastTaskAt = new ConcurrentHashMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final KafkaConsumer<String, HolderTask> tasks;
    private final KafkaConsumer<String, RequestStatus> statuses;
    private final Thread reader;

    /** How the requests filed went: the latencies of the complete ones and what the others lacked. */
    record Outcome(Latencies latencies, int filed, int incomplete, int withoutTasks) {}

    TaskWatch(String bootstrapServers, TopicSerdes serdes) {
        tasks = consumer(bootstrapServers, serdes, Topics.DSR_TASKS);
        statuses = consumer(bootstrapServers, serdes, Topics.DSR_STATUS);
        reader = new Thread(this::read, "bench-task-reader");
        reader.start();
    }

    /** Marks request {@code requestId} filed at {@code startNanos} ({@link System#nanoTime()}). */
    void filed(String requestId, long startNanos) {
        filedAt.put(requestId, startNanos);
    }

    /** Waits until every request filed is complete, for at most {@code timeout}. */
    void awaitAll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !filedAt.keySet().stream().allMatch(this::complete)) {
            Thread.sleep(50);
        }
    }

    /** Requests with no task (nothing known of the person) are neither complete nor incomplete. */
    Outcome outcome() {
        Latencies latencies = new Latencies();
        int incomplete = 0;
        int withoutTasks = 0;
        for (var filed : filedAt.entrySet()) {
            String id = filed.getKey();
            if (expected.getOrDefault(id, -1) == 0) {
                withoutTasks++;
            } else if (complete(id)) {
                latencies.add((lastTaskAt.get(id) - filed.getValue()) / 1e6);
            } else {
                incomplete++;
            }
        }
        return new Outcome(latencies, filedAt.size(), incomplete, withoutTasks);
    }

    private boolean complete(String id) {
        Integer count = expected.get(id);
        return count != null && seen.getOrDefault(id, 0) >= count;
    }

    private void read() {
        while (!stop.get()) {
            for (ConsumerRecord<String, HolderTask> task : tasks.poll(Duration.ofMillis(5))) {
                if (task.value().getReminder() > 0) {
                    continue; // sent again later, not part of the fan-out
                }
                long now = System.nanoTime();
                lastTaskAt.put(task.value().getRequestId(), now);
                seen.merge(task.value().getRequestId(), 1, Integer::sum);
            }
            for (ConsumerRecord<String, RequestStatus> status : statuses.poll(Duration.ofMillis(5))) {
                if (FANNED_OUT.contains(status.value().getState())) {
                    expected.putIfAbsent(
                            status.value().getRequestId(),
                            status.value().getTasks().size());
                }
            }
        }
    }

    private static <V> KafkaConsumer<String, V> consumer(
            String bootstrapServers, TopicSerdes serdes, Topic<String, V> topic) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(
                properties,
                serdes.keySerde(topic).deserializer(),
                serdes.valueSerde(topic).deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(topic.name(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        reader.join();
        tasks.close();
        statuses.close();
    }
}
