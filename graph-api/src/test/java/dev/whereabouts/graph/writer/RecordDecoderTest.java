package dev.whereabouts.graph.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.graph.fixture.RequestStatuses;
import dev.whereabouts.graph.fixture.SeedScenario;
import dev.whereabouts.graph.schema.EdgeDetail;
import dev.whereabouts.model.catalog.Holder;
import dev.whereabouts.model.dsr.RequestState;
import dev.whereabouts.model.dsr.RequestStatus;
import dev.whereabouts.model.lineage.LineageKey;
import dev.whereabouts.model.lineage.LineageRecord;
import dev.whereabouts.model.serde.InMemorySchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.topic.Topic;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {

    private final TopicSerdes serdes = new TopicSerdes(new InMemorySchemaRegistryClient(), SerdeConfig.defaults());
    private final RecordDecoder decoder = new RecordDecoder(serdes);

    @Test
    void shouldTurnALineageRecordIntoAnUpsertKeyedBySubjectCategoryAndHolder() {
        LineageRecord postmark = SeedScenario.aliceLineage().stream()
                .filter(r -> r.getHolder().equals("postmark"))
                .findFirst()
                .orElseThrow();
        GraphChange change = decoder.decode(record(Topics.LINEAGE, key(postmark), postmark));

        assertThat(change.kind()).isEqualTo(RecordKind.LINEAGE);
        assertThat(change.isDelete()).isFalse();
        assertThat(change.row())
                .containsEntry("holder", "postmark")
                .containsEntry("subjectId", SeedScenario.ALICE)
                .containsEntry("category", "user.contact.email")
                .containsKey("updatedAt");
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> props =
                (java.util.Map<String, Object>) change.row().get("props");
        assertThat(props)
                .containsEntry("status", "HELD")
                .containsEntry("direct", true)
                .containsKey("retentionUntil");
        EdgeDetail.Detail detail = EdgeDetail.decode((String) props.get("detail"));
        assertThat(detail.lastSharedAt()).isEqualTo(SeedScenario.LAST_MAIL.toEpochMilli());
        assertThat(detail.legalBases()).containsExactly("CONTRACT");
        assertThat(detail.path()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldCarryEveryFieldOfARequestStatusAndItsTasksIntoTheRow() {
        RequestStatus status = RequestStatuses.everything("r-1", Instant.parse("2026-02-20T10:00:00Z"));

        Map<String, Object> row =
                decoder.decode(record(Topics.DSR_STATUS, "r-1", status)).row();

        assertThat(row)
                .containsEntry("state", "PARTIALLY_COMPLETED")
                .containsEntry("deadline", Instant.parse("2026-04-30T10:00:00Z").toEpochMilli())
                .containsEntry(
                        "statutoryDeadline",
                        Instant.parse("2026-03-02T10:00:00Z").toEpochMilli())
                .containsEntry(
                        "promisedDeadline",
                        Instant.parse("2026-03-02T10:00:00Z").toEpochMilli())
                .containsEntry("deadlineBasis", "EXTENSION")
                .containsEntry("overdue", false)
                .containsEntry("verificationMethod", SeedScenario.VERIFICATION_METHOD)
                .containsEntry("refusal", null)
                .containsEntry("failedHolders", List.of("moneybird"))
                .containsEntry("escalatedTasks", List.of("r-1/moneybird"))
                .containsEntry("answer", "We erased your e-mail address at Postmark; MoneyBird could not.");
        assertThat((Map<String, Object>) row.get("verification"))
                .containsEntry("method", SeedScenario.VERIFICATION_METHOD)
                .containsEntry("verified", true)
                .containsEntry("decidedBy", "dpo@smarttrackers.nl")
                .containsEntry(
                        "decidedAt", Instant.parse("2026-02-01T09:00:00Z").toEpochMilli())
                .containsEntry("note", "photo, MRZ, passport number and BSN blacked out");
        assertThat((Map<String, Object>) row.get("informationRequest"))
                .containsEntry("askedBy", "dpo@smarttrackers.nl")
                .containsEntry("note", "which account")
                .containsEntry(
                        "answeredAt", Instant.parse("2026-02-04T09:00:00Z").toEpochMilli())
                .containsEntry("pausedMillis", 172_800_000L);
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) row.get("tasks");
        assertThat(tasks.get(0))
                .containsEntry("id", "r-1/moneybird")
                .containsEntry("state", "FAILED")
                .containsEntry("escalated", true)
                .containsEntry(
                        "remindedAt", Instant.parse("2026-02-19T10:00:00Z").toEpochMilli())
                .containsEntry("answerBy", Instant.parse("2026-03-06T10:00:00Z").toEpochMilli())
                .containsEntry("expiresAt", null);
        assertThat(tasks.get(1))
                .containsEntry("type", "EXPIRES")
                .containsEntry("state", "EXPIRED")
                .containsEntry("overdue", false)
                .containsEntry(
                        "expiresAt", Instant.parse("2026-03-15T00:00:00Z").toEpochMilli());

        RequestStatus refused = RequestStatus.newBuilder(status)
                .setState(RequestState.REFUSED)
                .setRefusal(RequestStatuses.refusal("the notice"))
                .build();
        assertThat((Map<String, Object>) decoder.decode(record(Topics.DSR_STATUS, "r-1", refused))
                        .row()
                        .get("refusal"))
                .containsEntry("ground", "EXCESSIVE")
                .containsEntry("reason", "the fourth identical request this month")
                .containsEntry("notice", "the notice")
                .containsEntry("decidedBy", "dpo@smarttrackers.nl");
    }

    @Test
    void shouldTurnATombstoneIntoADeleteOfItsKey() {
        GraphChange change = decoder.decode(record(Topics.CATALOG_HOLDERS, "postmark", null));
        assertThat(change.isDelete()).isTrue();
        assertThat(change.key()).isEqualTo("postmark");
    }

    @Test
    void shouldDeclareOnlyTheHoldersOwnCategoriesWithTheMostSpecificRetention() {
        Holder postmark = SeedScenario.holders().stream()
                .filter(h -> h.getId().equals("postmark"))
                .findFirst()
                .orElseThrow();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> declares =
                (List<Map<String, Object>>) RecordDecoder.holderRow(postmark).get("declares");
        assertThat(declares)
                .extracting(d -> d.get("category"))
                .containsExactly("user.device.ip_address", "user.contact.email", "user.content");
        assertThat(declares).allSatisfy(d -> assertThat(d.get("retention")).isEqualTo("P45D"));
    }

    @Test
    void shouldRefusePoisonBytesAndRecordsOfTopicsItDoesNotRead() {
        ConsumerRecord<byte[], byte[]> poison = new ConsumerRecord<>(
                Topics.LINEAGE.name(),
                0,
                7L,
                "k".getBytes(StandardCharsets.UTF_8),
                "garbage".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> decoder.decode(poison))
                .isInstanceOf(RecordDecoder.UndecodableRecordException.class)
                .hasMessageContaining("offset 7");
        ConsumerRecord<byte[], byte[]> elsewhere =
                new ConsumerRecord<>(Topics.SHARING_EVENTS.name(), 0, 0L, null, new byte[] {0});
        assertThatThrownBy(() -> decoder.decode(elsewhere))
                .isInstanceOf(RecordDecoder.UndecodableRecordException.class);
    }

    private static LineageKey key(LineageRecord record) {
        return LineageKey.newBuilder()
                .setSubjectId(record.getSubjectId())
                .setCategory(record.getCategory())
                .setHolder(record.getHolder())
                .build();
    }

    private <K, V> ConsumerRecord<byte[], byte[]> record(Topic<K, V> topic, K key, V value) {
        byte[] k = serdes.keySerde(topic).serializer().serialize(topic.name(), key);
        byte[] v = value == null ? null : serdes.valueSerde(topic).serializer().serialize(topic.name(), value);
        return new ConsumerRecord<>(topic.name(), 0, 0L, k, v);
    }
}
