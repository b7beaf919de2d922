package dev.whereabouts.graph.writer;

import static dev.whereabouts.graph.fixture.SeedScenario.ALICE;
import static dev.whereabouts.graph.fixture.SeedScenario.EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.graph.fixture.GraphSnapshot;
import dev.whereabouts.graph.fixture.SeedScenario;
import dev.whereabouts.graph.fixture.StackClients;
import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.deadletter.DeadLetter;
import dev.whereabouts.model.deadletter.FailureStage;
import dev.whereabouts.model.lineage.SubjectMerge;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.Session;

@ExtendWith(EmbeddedStackExtension.class)
class GraphWriterIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    @Test
    void shouldWriteTheSeedScenarioAndReplayEveryTopicFromOffsetZeroToAnIdenticalGraph(StackFixture stack) {
        try (StackClients clients = new StackClients(stack)) {
            // Given the seed catalog and Alice's lineage on Kafka, written once
            clients.produceSeedScenario();
            GraphWriter first = clients.newWriter();
            first.catchUp(CATCH_UP);
            List<String> written = GraphSnapshot.of(stack.driver());

            // Then Alice's email lives at nine holders, two of them onward backups
            try (Session session = stack.driver().session()) {
                List<String> holders = session.run("""
                        MATCH (:Subject {id: $s})-[r:SHARED_WITH {category: $c}]->(h:Holder) RETURN h.id AS id ORDER BY id""", Map.of("s", ALICE, "c", EMAIL))
                        .list(r -> r.get("id").asString());
                assertThat(holders)
                        .containsExactly(
                                "amazon-s3-database-backups",
                                "campaign-monitor",
                                "heroku",
                                "memcached-cloud",
                                "moneybird",
                                "postmark",
                                "smarttrackers-app",
                                "transip-vps-backups",
                                "zendesk");
                assertThat(session.run(
                                        "MATCH (:Identifier)-[:IDENTIFIES]->(:Subject {id: $s}) RETURN count(*) AS n",
                                        Map.of("s", ALICE))
                                .single()
                                .get("n")
                                .asLong())
                        .isEqualTo(2);
            }
            assertThat(first.metrics().deadLetters()).isZero();

            // When every topic is replayed from offset 0 by a writer in a new group, with duplicates produced on top
            clients.produceLineage(SeedScenario.aliceLineage());
            clients.produceCatalog();
            GraphWriter replay = clients.newWriter();
            replay.catchUp(CATCH_UP);

            // Then the graph is identical
            assertThat(GraphSnapshot.of(stack.driver())).containsExactlyElementsOf(written);
        }
    }

    @Test
    void shouldIgnoreLateLineageOfAMergedSubjectWhicheverTopicIsReadFirst(StackFixture stack) {
        try (StackClients clients = new StackClients(stack)) {
            GraphWriter writer = clients.newWriter();
            // Given subject "early" whose lineage arrives before its merge, and "late" whose merge arrives first
            clients.produceLineage(
                    List.of(SeedScenario.direct("early", EMAIL, "postmark", "mail", LegalBasis.CONTRACT, null)));
            writer.catchUp(CATCH_UP);
            clients.produce(Topics.SUBJECT_MERGES, "early", merge("early", "survivor-1"));
            writer.catchUp(CATCH_UP);

            clients.produce(Topics.SUBJECT_MERGES, "late", merge("late", "survivor-2"));
            writer.catchUp(CATCH_UP);
            clients.produceLineage(
                    List.of(SeedScenario.direct("late", EMAIL, "postmark", "mail", LegalBasis.CONTRACT, null)));
            writer.catchUp(CATCH_UP);

            // Then both merged subjects end the same way: merged, no edges of their own
            try (Session session = stack.driver().session()) {
                for (String[] pair : new String[][] {{"early", "survivor-1"}, {"late", "survivor-2"}}) {
                    var row = session.run("""
                            MATCH (m:Subject {id: $m})-[:MERGED_INTO]->(s:Subject)
                            OPTIONAL MATCH (m)-[r:SHARED_WITH]->()
                            RETURN m.mergedInto AS into, s.id AS survivor, count(r) AS edges""", Map.of("m", pair[0])).single();
                    assertThat(row.get("into").asString()).isEqualTo(pair[1]);
                    assertThat(row.get("survivor").asString()).isEqualTo(pair[1]);
                    assertThat(row.get("edges").asLong()).isZero();
                }
            }
        }
    }

    @Test
    void shouldDeadLetterPoisonBytesWithTheOriginalBytesAndKeepWriting(StackFixture stack) {
        try (StackClients clients = new StackClients(stack)) {
            // Given poison bytes on the lineage topic, a holder id too long to index, then a valid record
            byte[] poison = "not avro at all".getBytes(StandardCharsets.UTF_8);
            clients.produceBytes(Topics.LINEAGE.name(), "k".getBytes(StandardCharsets.UTF_8), poison);
            clients.produceLineage(List.of(
                    SeedScenario.direct("s-unwritable", EMAIL, "x".repeat(40_000), "mail", LegalBasis.CONTRACT, null)));
            clients.produceLineage(
                    List.of(SeedScenario.direct("s-valid", EMAIL, "postmark", "mail", LegalBasis.CONTRACT, null)));

            // When the writer catches up
            GraphWriter writer = clients.newWriter();
            writer.catchUp(CATCH_UP);

            // Then the poison and the unwritable row are dead letters with their original bytes and reasons
            List<ConsumerRecord<byte[], DeadLetter>> dead = clients.readAll(Topics.GRAPH_WRITER_DEAD_LETTERS, 2);
            assertThat(dead).hasSize(2);
            DeadLetter undecodable = dead.stream()
                    .map(ConsumerRecord::value)
                    .filter(d -> d.getStage() == FailureStage.DESERIALIZATION)
                    .findFirst()
                    .orElseThrow();
            assertThat(undecodable.getSourceTopic()).isEqualTo(Topics.LINEAGE.name());
            assertThat(undecodable.getOriginalValue()).isEqualTo(ByteBuffer.wrap(poison));
            assertThat(undecodable.getApplication()).isEqualTo(GraphWriter.APPLICATION);
            DeadLetter unwritable = dead.stream()
                    .map(ConsumerRecord::value)
                    .filter(d -> d.getStage() == FailureStage.SINK)
                    .findFirst()
                    .orElseThrow();
            assertThat(unwritable.getSourceOffset()).isNotNull();
            assertThat(unwritable.getReason()).isNotBlank();
            // And the valid record was written, and the offsets are committed past all three
            try (Session session = stack.driver().session()) {
                assertThat(session.run(
                                        "MATCH (:Subject {id: 's-valid'})-[r:SHARED_WITH]->(:Holder {id: 'postmark'}) RETURN count(r) AS n")
                                .single()
                                .get("n")
                                .asLong())
                        .isEqualTo(1);
            }
            assertThat(writer.metrics().deadLetters()).isEqualTo(2);
        }
    }

    @Test
    void shouldUndeclareAHolderAndDropAFlowOnTombstonesButKeepTheLineageThatPointsAtThem(StackFixture stack) {
        try (StackClients clients = new StackClients(stack)) {
            // Given the seed written
            clients.produceSeedScenario();
            GraphWriter writer = clients.newWriter();
            writer.catchUp(CATCH_UP);

            // When Postmark and the S3 backup flow are removed from the catalog
            clients.produce(Topics.CATALOG_HOLDERS, "postmark", null);
            clients.produce(Topics.CATALOG_FLOWS, "transip-to-s3-backups", null);
            writer.catchUp(CATCH_UP);

            // Then Postmark is undeclared, its declarations are gone, Alice's edge to it stays, the flow is gone
            try (Session session = stack.driver().session()) {
                var postmark = session.run("""
                        MATCH (h:Holder {id: 'postmark'})
                        OPTIONAL MATCH (h)-[d:DECLARES]->()
                        WITH h, count(d) AS declarations
                        OPTIONAL MATCH (h)<-[r:SHARED_WITH]-()
                        RETURN h.declared AS declared, h.displayName AS name, declarations, count(r) AS edges""").single();
                assertThat(postmark.get("declared").asBoolean()).isFalse();
                assertThat(postmark.get("name").isNull()).isTrue();
                assertThat(postmark.get("declarations").asLong()).isZero();
                assertThat(postmark.get("edges").asLong()).isEqualTo(2);
                assertThat(session.run("MATCH (f:Flow) RETURN collect(f.id) AS ids")
                                .single()
                                .get("ids")
                                .asList())
                        .containsExactly("app-to-transip-vps-backups");
            }
        }
    }

    private static SubjectMerge merge(String merged, String surviving) {
        return SubjectMerge.newBuilder()
                .setMergedSubjectId(merged)
                .setSurvivingSubjectId(surviving)
                .setIdentifiers(List.of())
                .setCausedByEventId("event-merge-" + merged)
                .setMergedAt(Instant.parse("2026-11-21T00:00:00Z"))
                .build();
    }
}
