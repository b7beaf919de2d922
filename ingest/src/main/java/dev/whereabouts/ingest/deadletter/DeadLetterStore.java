package dev.whereabouts.ingest.deadletter;

import dev.whereabouts.model.deadletter.DeadLetter;
import dev.whereabouts.model.topic.Topic;
import dev.whereabouts.model.topic.TopicRole;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * Lists and replays dead letters. Listing reads a dead-letter topic from the beginning to its current
 * end without joining a consumer group (nothing is committed, so listing never hides a letter).
 * Replaying sends the original key, value and headers, byte for byte, back to the topic they came
 * from, with a {@value #REPLAYED_FROM_HEADER} header naming the dead letter; consumers deduplicate by
 * event id, so replaying a letter twice is harmless.
 */
public final class DeadLetterStore {

    /** Header on a replayed record: {@code <dead-letter topic>-<partition>@<offset>}. */
    public static final String REPLAYED_FROM_HEADER = "whereabouts.replayed-from";

    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final TopicSerdes serdes;
    private final Duration timeout;

    public DeadLetterStore(String bootstrapServers, TopicSerdes serdes, Duration timeout) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.serdes = Objects.requireNonNull(serdes, "serdes");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Every dead-letter topic of the catalogue. */
    public static List<Topic<byte[], DeadLetter>> deadLetterTopics() {
        List<Topic<byte[], DeadLetter>> topics = new ArrayList<>();
        for (Topic<?, ?> topic : Topics.all()) {
            if (topic.role() == TopicRole.DEAD_LETTER) {
                topics.add(asDeadLetterTopic(topic));
            }
        }
        return topics;
    }

    /** The dead-letter topic with this name, or the twin of the input topic with this name. */
    public static Optional<Topic<byte[], DeadLetter>> resolve(String name) {
        return Topics.byName(name)
                .flatMap(topic -> topic.role() == TopicRole.DEAD_LETTER
                        ? Optional.of(asDeadLetterTopic(topic))
                        : topic.deadLetters());
    }

    /** The letters on {@code topic} that {@code filter} accepts, oldest first. */
    public List<DeadLetterEntry> list(Topic<byte[], DeadLetter> topic, Predicate<DeadLetterEntry> filter) {
        List<DeadLetterEntry> entries = new ArrayList<>();
        try (Serde<DeadLetter> serde = serdes.valueSerde(topic);
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                false,
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed"),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic.name(), timeout);
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!caughtUp(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    DeadLetterEntry entry = new DeadLetterEntry(
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            serde.deserializer().deserialize(record.topic(), record.value()));
                    if (filter.test(entry)) {
                        entries.add(entry);
                    }
                }
            }
            if (!caughtUp(consumer, end)) {
                throw new IllegalStateException(
                        "could not read " + topic.name() + " to its end within " + timeout.toSeconds() + " s");
            }
        }
        return entries;
    }

    /** Sends each letter's original bytes back to its source topic; returns where each landed. */
    public List<RecordMetadata> replay(List<DeadLetterEntry> entries) {
        List<RecordMetadata> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<java.util.concurrent.Future<RecordMetadata>> futures = new ArrayList<>();
            for (DeadLetterEntry entry : entries) {
                DeadLetter letter = entry.letter();
                if (Topics.byName(letter.getSourceTopic()).isEmpty()) {
                    throw new IllegalArgumentException("dead letter " + entry.topic() + "-" + entry.partition() + "@"
                            + entry.offset() + " came from " + letter.getSourceTopic()
                            + ", which is not a topic of the catalogue");
                }
                RecordHeaders headers = new RecordHeaders();
                letter.getOriginalHeaders().forEach((key, value) -> headers.add(key, bytes(value)));
                headers.add(
                        REPLAYED_FROM_HEADER,
                        (entry.topic() + "-" + entry.partition() + "@" + entry.offset())
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                futures.add(producer.send(new ProducerRecord<>(
                        letter.getSourceTopic(),
                        null,
                        null,
                        bytes(letter.getOriginalKey()),
                        bytes(letter.getOriginalValue()),
                        headers)));
            }
            for (java.util.concurrent.Future<RecordMetadata> future : futures) {
                sent.add(future.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(
                    "replay failed after " + sent.size() + " of " + entries.size() + " letters: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during replay", e);
        }
        return sent;
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    @SuppressWarnings("unchecked")
    private static Topic<byte[], DeadLetter> asDeadLetterTopic(Topic<?, ?> topic) {
        if (topic.keyType() != byte[].class || topic.valueType() != DeadLetter.class) {
            throw new IllegalStateException(topic.name() + " is not a dead-letter topic");
        }
        return (Topic<byte[], DeadLetter>) topic;
    }
}
