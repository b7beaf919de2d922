package dev.whereabouts.graph.writer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.graph.fixture.SeedScenario;
import dev.whereabouts.graph.schema.RetryPolicy;
import dev.whereabouts.model.deadletter.DeadLetter;
import dev.whereabouts.model.deadletter.FailureStage;
import dev.whereabouts.model.lineage.LineageKey;
import dev.whereabouts.model.lineage.LineageRecord;
import dev.whereabouts.model.serde.InMemorySchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/** The writer's failure layers without a database: Neo4j unreachable, poison bytes. */
class GraphWriterFailureTest {

    private static final TopicPartition LINEAGE_0 = new TopicPartition(Topics.LINEAGE.name(), 0);

    private final TopicSerdes serdes = new TopicSerdes(new InMemorySchemaRegistryClient(), SerdeConfig.defaults());
    private final List<DeadLetter> deadLetters = new ArrayList<>();

    @Test
    void shouldRetryAnUnreachableDatabaseWithinTheBoundThenReadThePollAgainWithoutCommittingOrDeadLettering() {
        // Given Neo4j is unreachable and a lineage record waits on the topic
        MockConsumer<byte[], byte[]> consumer = consumerWith(List.of(lineageRecord(0)));
        try (Driver unreachable = GraphDatabase.driver(
                        "bolt://127.0.0.1:1",
                        AuthTokens.none(),
                        Config.builder()
                                .withConnectionTimeout(200, java.util.concurrent.TimeUnit.MILLISECONDS)
                                .build());
                GraphWriter writer = new GraphWriter(
                        consumer,
                        unreachable,
                        serdes,
                        deadLetters::addAll,
                        GraphWriterSettings.defaults("g")
                                .withRetry(
                                        new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2)),
                                        Duration.ofMillis(1)),
                        Clock.systemUTC())) {

            // When the writer polls
            int written = writer.pollOnce(Duration.ofMillis(10));

            // Then it retried twice, gave the poll up, rewound to the record and committed nothing
            assertThat(written).isZero();
            assertThat(writer.metrics().retries()).isEqualTo(2);
            assertThat(writer.metrics().failedPolls()).isEqualTo(1);
            assertThat(consumer.position(LINEAGE_0)).isZero();
            assertThat(consumer.committed(Set.of(LINEAGE_0)).get(LINEAGE_0)).isNull();
            assertThat(deadLetters).isEmpty();
        }
    }

    @Test
    void shouldDeadLetterPoisonBytesAndCommitPastThemWhenNothingElseNeedsWriting() {
        // Given only poison bytes on the topic
        ConsumerRecord<byte[], byte[]> poison = new ConsumerRecord<>(
                Topics.LINEAGE.name(),
                0,
                0L,
                "key".getBytes(StandardCharsets.UTF_8),
                "poison".getBytes(StandardCharsets.UTF_8));
        MockConsumer<byte[], byte[]> consumer = consumerWith(List.of(poison));
        try (Driver unused = GraphDatabase.driver("bolt://127.0.0.1:1", AuthTokens.none());
                GraphWriter writer = new GraphWriter(
                        consumer,
                        unused,
                        serdes,
                        deadLetters::addAll,
                        GraphWriterSettings.defaults("g"),
                        Clock.systemUTC())) {

            // When the writer polls
            int read = writer.pollOnce(Duration.ofMillis(10));

            // Then the poison is a dead letter with its original bytes and the offset is committed past it
            assertThat(read).isEqualTo(1);
            assertThat(deadLetters).hasSize(1);
            assertThat(deadLetters.get(0).getStage()).isEqualTo(FailureStage.DESERIALIZATION);
            assertThat(StandardCharsets.UTF_8
                            .decode(deadLetters.get(0).getOriginalValue())
                            .toString())
                    .isEqualTo("poison");
            assertThat(consumer.committed(Set.of(LINEAGE_0)).get(LINEAGE_0).offset())
                    .isEqualTo(1);
        }
    }

    private MockConsumer<byte[], byte[]> consumerWith(List<ConsumerRecord<byte[], byte[]>> records) {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(LINEAGE_0));
            Map<TopicPartition, Long> beginning = new HashMap<>();
            beginning.put(LINEAGE_0, 0L);
            consumer.updateBeginningOffsets(beginning);
            consumer.seek(LINEAGE_0, 0L);
            records.forEach(consumer::addRecord);
        });
        return consumer;
    }

    private ConsumerRecord<byte[], byte[]> lineageRecord(long offset) {
        LineageRecord record = SeedScenario.aliceLineage().get(0);
        LineageKey key = LineageKey.newBuilder()
                .setSubjectId(record.getSubjectId())
                .setCategory(record.getCategory())
                .setHolder(record.getHolder())
                .build();
        return new ConsumerRecord<>(
                Topics.LINEAGE.name(),
                0,
                offset,
                serdes.keySerde(Topics.LINEAGE).serializer().serialize(Topics.LINEAGE.name(), key),
                serdes.valueSerde(Topics.LINEAGE).serializer().serialize(Topics.LINEAGE.name(), record));
    }
}
