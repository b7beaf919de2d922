package dev.whereabouts.ingest.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.deadletter.DeadLetter;
import dev.whereabouts.model.deadletter.DeadLetters;
import dev.whereabouts.model.deadletter.FailureStage;
import dev.whereabouts.model.serde.CachingSchemaRegistryClient;
import dev.whereabouts.model.serde.RestSchemaRegistryClient;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.topic.Topic;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedStackExtension.class)
class DeadLetterStoreIT {

    private static final byte[] POISON = {0, 0, 0, 0, 42, (byte) 0xde, (byte) 0xad};

    private SchemaRegistryClient registry;
    private TopicSerdes serdes;
    private StackFixture stack;

    @BeforeEach
    void connect(StackFixture stack) {
        this.stack = stack;
        registry = new CachingSchemaRegistryClient(
                new RestSchemaRegistryClient(stack.registryUrl().toString()));
        serdes = new TopicSerdes(
                registry,
                SerdeConfig.fromMap(Map.of(
                        SerdeConfig.SCHEMA_REGISTRY_URL, stack.registryUrl().toString())));
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void shouldListDeadLettersWithTheirReasonAndReplayTheOriginalBytes() throws Exception {
        Topic<byte[], DeadLetter> dlq = Topics.SHARING_EVENTS.deadLetters().orElseThrow();
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", "t-1".getBytes(StandardCharsets.UTF_8));
        DeadLetter letter = new DeadLetters("test", Clock.systemUTC())
                .of(
                        Topics.SHARING_EVENTS.name(),
                        2,
                        17L,
                        "subject-key".getBytes(StandardCharsets.UTF_8),
                        POISON,
                        headers,
                        FailureStage.DESERIALIZATION,
                        "org.apache.kafka.common.errors.SerializationException",
                        "unknown schema id 42");
        try (KafkaProducer<byte[], DeadLetter> producer = new KafkaProducer<>(
                stack.clientProperties(),
                new ByteArraySerializer(),
                serdes.valueSerde(dlq).serializer())) {
            producer.send(new ProducerRecord<>(
                            dlq.name(), letter.getOriginalKey().array(), letter))
                    .get();
        }
        DeadLetterStore store = new DeadLetterStore(stack.bootstrapServers(), serdes, Duration.ofSeconds(30));

        List<DeadLetterEntry> listed =
                store.list(DeadLetterStore.resolve(Topics.SHARING_EVENTS.name()).orElseThrow(), e -> true);

        assertThat(listed).singleElement().satisfies(entry -> {
            assertThat(entry.letter().getReason()).isEqualTo("unknown schema id 42");
            assertThat(entry.summary())
                    .contains("DESERIALIZATION")
                    .contains(Topics.SHARING_EVENTS.name() + "-2@17")
                    .contains("7 bytes");
        });

        store.replay(listed);

        ConsumerRecord<byte[], byte[]> replayed = consumeOne(Topics.SHARING_EVENTS.name());
        assertThat(replayed.value()).containsExactly(POISON);
        assertThat(new String(replayed.key(), StandardCharsets.UTF_8)).isEqualTo("subject-key");
        assertThat(new String(replayed.headers().lastHeader("trace-id").value(), StandardCharsets.UTF_8))
                .isEqualTo("t-1");
        assertThat(new String(
                        replayed.headers()
                                .lastHeader(DeadLetterStore.REPLAYED_FROM_HEADER)
                                .value(),
                        StandardCharsets.UTF_8))
                .isEqualTo(dlq.name() + "-0@0");
    }

    @Test
    void shouldListNothingOnAnEmptyDeadLetterTopic() {
        DeadLetterStore store = new DeadLetterStore(stack.bootstrapServers(), serdes, Duration.ofSeconds(30));

        assertThat(DeadLetterStore.deadLetterTopics()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(store.list(Topics.DSR_OUTCOMES.deadLetters().orElseThrow(), e -> true))
                .isEmpty();
    }

    private ConsumerRecord<byte[], byte[]> consumeOne(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, stack.uniqueId("replay-check"),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    return record;
                }
            }
        }
        throw new AssertionError("nothing replayed to " + topic);
    }
}
