package dev.whereabouts.graph.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriteBatchTest {

    @Test
    void shouldKeepOnlyTheLastChangePerKeyAsCompactionWould() {
        WriteBatch batch = new WriteBatch();
        batch.add(new GraphChange(RecordKind.HOLDER, "postmark", Map.of("v", 1), null));
        batch.add(new GraphChange(RecordKind.HOLDER, "zendesk", Map.of("v", 1), null));
        batch.add(new GraphChange(RecordKind.HOLDER, "postmark", null, null));

        assertThat(batch.size()).isEqualTo(3);
        assertThat(batch.rows()).isEqualTo(2);
        assertThat(batch.effectiveChanges()).extracting(GraphChange::key).containsExactly("zendesk", "postmark");
        assertThat(batch.effectiveChanges().get(1).isDelete()).isTrue();
    }

    @Test
    void shouldDeriveObservedPairsAndOnwardHopsWhetherOrNotThePathEndsWithTheHolder() {
        List<Map<String, Object>> lineage = List.of(
                row("postmark", "user.contact.email", true, List.of()),
                row("postmark", "user.contact.email", true, List.of()),
                row("s3", "user.contact.email", false, List.of("app", "transip")),
                row("transip", "user.name", false, List.of("app", "transip")));

        assertThat(WriteBatch.observedPairs(lineage)).hasSize(3);
        assertThat(WriteBatch.observedHops(lineage))
                .containsExactly(Map.of("from", "transip", "to", "s3"), Map.of("from", "app", "to", "transip"));
    }

    @Test
    void shouldWriteASubjectsLineageRowsNextToEachOther() {
        List<Map<String, Object>> rows = List.of(
                Map.of("subjectId", "b"), Map.of("subjectId", "a"), Map.of("subjectId", "b"), Map.of("subjectId", "a"));

        assertThat(WriteBatch.bySubject(rows))
                .extracting(r -> r.get("subjectId"))
                .containsExactly("a", "a", "b", "b");
    }

    private static Map<String, Object> row(String holder, String category, boolean direct, List<String> path) {
        Map<String, Object> row = new HashMap<>();
        row.put("holder", holder);
        row.put("category", category);
        row.put("direct", direct);
        row.put("path", path);
        return row;
    }
}
