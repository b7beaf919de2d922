package dev.whereabouts.graph.request;

import dev.whereabouts.model.catalog.ControllerPolicy;
import dev.whereabouts.model.serde.SchemaRegistryConnectionException;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@link Topics#CATALOG_CONTROLLER} from the beginning on a background thread ({@code
 * assign}, no consumer group, nothing committed) and keeps its one record, keyed {@value
 * Topics#CONTROLLER_KEY}; a tombstone removes it. A record that cannot be read is logged and
 * skipped, so the last readable policy stays in force.
 */
public final class KafkaControllerPolicySource implements ControllerPolicySource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaControllerPolicySource.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration BACKOFF = Duration.ofSeconds(1);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<ControllerPolicy> values;
    private final AtomicReference<Optional<ControllerPolicy>> current = new AtomicReference<>(Optional.empty());
    private final Thread thread;
    private volatile boolean closed;

    private KafkaControllerPolicySource(Map<String, Object> kafkaClient, TopicSerdes serdes) {
        Map<String, Object> config = new HashMap<>(kafkaClient);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dpo-api-controller-policy-" + UUID.randomUUID());
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.values = serdes.valueSerde(Topics.CATALOG_CONTROLLER).deserializer();
        this.thread = new Thread(this::run, "controller-policy");
        this.thread.setDaemon(true);
    }

    /** Starts following the controller topic. */
    public static KafkaControllerPolicySource start(Map<String, ?> kafkaClient, TopicSerdes serdes) {
        KafkaControllerPolicySource source = new KafkaControllerPolicySource(new HashMap<>(kafkaClient), serdes);
        source.thread.start();
        return source;
    }

    @Override
    public Optional<ControllerPolicy> current() {
        return current.get();
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            boolean assigned = false;
            while (!closed) {
                try {
                    if (!assigned) {
                        assigned = assign();
                        if (!assigned) {
                            pause();
                        }
                        continue;
                    }
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        if (!apply(record)) {
                            // Registry unreachable: read this record again after a pause.
                            consumer.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
                            pause();
                            break;
                        }
                    }
                } catch (WakeupException e) {
                    // closing
                } catch (KafkaException e) {
                    LOG.warn(
                            "reading {} failed, retrying in {}: {}",
                            Topics.CATALOG_CONTROLLER.name(),
                            BACKOFF,
                            e.getMessage());
                    pause();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private boolean assign() {
        List<PartitionInfo> partitions =
                consumer.partitionsFor(Topics.CATALOG_CONTROLLER.name(), Duration.ofSeconds(10));
        if (partitions == null || partitions.isEmpty()) {
            LOG.warn("{} does not exist yet; waiting for it", Topics.CATALOG_CONTROLLER.name());
            return false;
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        return true;
    }

    /** False when the record must be read again (the schema registry is unreachable). */
    private boolean apply(ConsumerRecord<String, byte[]> record) {
        if (!Topics.CONTROLLER_KEY.equals(record.key())) {
            LOG.warn(
                    "skipping a record on {} partition {} offset {}: its key is not '{}'",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    Topics.CONTROLLER_KEY);
            return true;
        }
        if (record.value() == null) {
            current.set(Optional.empty());
            return true;
        }
        try {
            current.set(Optional.of(values.deserialize(record.topic(), record.headers(), record.value())));
        } catch (SchemaRegistryConnectionException e) {
            LOG.warn("the schema registry is unreachable; reading the controller policy again in {}", BACKOFF);
            return false;
        } catch (RuntimeException e) {
            LOG.error(
                    "skipping an unreadable controller policy on {} partition {} offset {}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
        }
        return true;
    }

    private void pause() throws InterruptedException {
        if (!closed) {
            Thread.sleep(BACKOFF.toMillis());
        }
    }
}
