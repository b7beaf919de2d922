package dev.whereabouts.catalog;

import dev.whereabouts.model.catalog.ControllerPolicy;
import dev.whereabouts.model.catalog.DeclaredFlow;
import dev.whereabouts.model.catalog.Holder;
import dev.whereabouts.model.serde.SchemaRegistryConnectionException;
import dev.whereabouts.model.serde.SchemaRegistryException;
import dev.whereabouts.model.topic.Topic;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the three compacted catalog topics from the beginning into holders and flows by key and
 * the one controller policy (key {@link Topics#CONTROLLER_KEY}), with
 * {@code assign} and no consumer group: every reader wants the whole topic, and nothing is
 * committed. Shared by {@link CatalogPublisher} (read once, to compare) and {@link LiveCatalog}
 * (read forever, to serve).
 *
 * <p>Values are deserialised here, record by record, rather than by the consumer, so one record
 * that cannot be read is logged with its coordinates and skipped instead of stopping the
 * partition. A schema registry that cannot be reached is different: nothing is skipped, the
 * partition is rewound to the record and the caller backs off. Not thread-safe: one thread
 * polls; {@link #wakeup()} may be called from another.
 */
final class CatalogTopicsReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogTopicsReader.class);

    /** The topics read, in the order a publication writes them. */
    static final List<Topic<?, ?>> TOPICS =
            List.of(Topics.CATALOG_HOLDERS, Topics.CATALOG_FLOWS, Topics.CATALOG_CONTROLLER);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<Holder> holderDeserializer;
    private final Deserializer<DeclaredFlow> flowDeserializer;
    private final Deserializer<ControllerPolicy> controllerDeserializer;
    private final Map<TopicPartition, Long> endOffsetsAtStart = new HashMap<>();

    private final Map<String, CatalogHolder> holders = new LinkedHashMap<>();
    private final Map<String, CatalogFlow> flows = new LinkedHashMap<>();
    private final Set<String> unreadableHolders = new HashSet<>();
    private final Set<String> unreadableFlows = new HashSet<>();
    private ControllerPolicy controllerPolicy;
    private boolean controllerUnreadable;
    private String latestVersion = "";
    private long latestTimestamp = Long.MIN_VALUE;
    // Written by the polling thread only, read by any.
    private volatile long skipped;
    private boolean assigned;

    /** What one poll did. */
    record PollOutcome(boolean changed, boolean mustBackOff) {}

    /**
     * @param kafkaProperties bootstrap servers and security settings
     * @param serdes          serdes for the catalog topics
     * @param clientId        client id, so the reader is recognisable in broker logs
     */
    CatalogTopicsReader(Map<String, Object> kafkaProperties, TopicSerdes serdes, String clientId) {
        Map<String, Object> config = new HashMap<>(kafkaProperties);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.holderDeserializer = serdes.valueSerde(Topics.CATALOG_HOLDERS).deserializer();
        this.flowDeserializer = serdes.valueSerde(Topics.CATALOG_FLOWS).deserializer();
        this.controllerDeserializer =
                serdes.valueSerde(Topics.CATALOG_CONTROLLER).deserializer();
    }

    /**
     * Assigns every partition of the three topics and rewinds to the beginning; remembers the end
     * offsets, which {@link #caughtUp()} compares against.
     *
     * @return false when a topic does not exist yet (the caller retries)
     */
    boolean assign(Duration timeout) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic<?, ?> topic : TOPICS) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), timeout);
            if (infos == null || infos.isEmpty()) {
                return false;
            }
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        endOffsetsAtStart.clear();
        endOffsetsAtStart.putAll(consumer.endOffsets(partitions, timeout));
        assigned = true;
        return true;
    }

    boolean isAssigned() {
        return assigned;
    }

    /** Whether everything that was on the topics when {@link #assign} ran has been read. */
    boolean caughtUp() {
        for (Map.Entry<TopicPartition, Long> end : endOffsetsAtStart.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Polls once and applies what arrived. */
    PollOutcome poll(Duration timeout) {
        ConsumerRecords<String, byte[]> records = consumer.poll(timeout);
        boolean changed = false;
        boolean backOff = false;
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                Optional<Boolean> applied = apply(record);
                if (applied.isEmpty()) {
                    // Registry unreachable: read this record again after a pause, and nothing after it yet.
                    consumer.seek(partition, record.offset());
                    backOff = true;
                    break;
                }
                changed |= applied.get();
            }
        }
        return new PollOutcome(changed, backOff);
    }

    /** Wakes a blocked poll from another thread; the poll then throws {@code WakeupException}. */
    void wakeup() {
        consumer.wakeup();
    }

    Map<String, CatalogHolder> holders() {
        return holders;
    }

    Map<String, CatalogFlow> flows() {
        return flows;
    }

    Set<String> unreadableHolders() {
        return unreadableHolders;
    }

    Set<String> unreadableFlows() {
        return unreadableFlows;
    }

    /** The controller policy on the topic; empty when there is none or its record could not be read. */
    Optional<ControllerPolicy> controllerPolicy() {
        return Optional.ofNullable(controllerPolicy);
    }

    /** Whether the latest controller record could not be read. */
    boolean controllerUnreadable() {
        return controllerUnreadable;
    }

    /** Records that could not be read and were skipped. */
    long skipped() {
        return skipped;
    }

    /** What the topics show now, as a catalog; its version is the one stamped on the newest record. */
    Catalog snapshot() {
        return new Catalog(latestVersion, Optional.empty(), List.of(), holders.values(), flows.values());
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }

    /** Applies one record; true if the state changed, empty if it must be retried later. */
    private Optional<Boolean> apply(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        if (key == null) {
            skip(record, "record has no key; catalog records are keyed by id");
            return Optional.of(false);
        }
        boolean isController = record.topic().equals(Topics.CATALOG_CONTROLLER.name());
        if (isController && !key.equals(Topics.CONTROLLER_KEY)) {
            skip(record, "the controller topic has one key, '" + Topics.CONTROLLER_KEY + "'");
            return Optional.of(false);
        }
        try {
            if (isController) {
                return Optional.of(applyController(record));
            }
            if (record.topic().equals(Topics.CATALOG_HOLDERS.name())) {
                Holder value = holderDeserializer.deserialize(record.topic(), record.value());
                unreadableHolders.remove(key);
                if (value == null) {
                    return Optional.of(holders.remove(key) != null);
                }
                noteVersion(value.getCatalogVersion(), record.timestamp());
                CatalogHolder holder = CatalogAvro.fromAvro(value);
                return Optional.of(!holder.equals(holders.put(key, holder)));
            }
            DeclaredFlow value = flowDeserializer.deserialize(record.topic(), record.value());
            unreadableFlows.remove(key);
            if (value == null) {
                return Optional.of(flows.remove(key) != null);
            }
            noteVersion(value.getCatalogVersion(), record.timestamp());
            CatalogFlow flow = CatalogAvro.fromAvro(value);
            return Optional.of(!flow.equals(flows.put(key, flow)));
        } catch (SchemaRegistryException e) {
            if (e instanceof SchemaRegistryConnectionException || e.httpStatus() >= 500) {
                LOG.warn(
                        "schema registry unavailable reading {}-{}@{}, will retry: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        e.getMessage());
                return Optional.empty();
            }
            return Optional.of(unreadable(record, key, e));
        } catch (RuntimeException e) {
            return Optional.of(unreadable(record, key, e));
        }
    }

    private boolean applyController(ConsumerRecord<String, byte[]> record) {
        ControllerPolicy value = controllerDeserializer.deserialize(record.topic(), record.value());
        controllerUnreadable = false;
        ControllerPolicy previous = controllerPolicy;
        controllerPolicy = value;
        if (value != null) {
            noteVersion(value.getCatalogVersion(), record.timestamp());
        }
        return !Objects.equals(previous, value);
    }

    private boolean unreadable(ConsumerRecord<String, byte[]> record, String key, RuntimeException e) {
        skip(record, e.getMessage());
        // A stale older value would be served as if current; the key is dropped until a readable record replaces it.
        if (record.topic().equals(Topics.CATALOG_CONTROLLER.name())) {
            controllerUnreadable = true;
            boolean had = controllerPolicy != null;
            controllerPolicy = null;
            return had;
        }
        if (record.topic().equals(Topics.CATALOG_HOLDERS.name())) {
            unreadableHolders.add(key);
            return holders.remove(key) != null;
        }
        unreadableFlows.add(key);
        return flows.remove(key) != null;
    }

    private void skip(ConsumerRecord<String, byte[]> record, String reason) {
        skipped = skipped + 1;
        LOG.error(
                "skipping unreadable catalog record {}-{}@{} key '{}': {}",
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                reason);
    }

    private void noteVersion(String version, long timestamp) {
        if (timestamp >= latestTimestamp) {
            latestTimestamp = timestamp;
            latestVersion = version;
        }
    }
}
