package dev.whereabouts.graph.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservedSummariesTest {

    private final ObservedSummaries summaries = new ObservedSummaries();

    @Test
    void shouldMergeASummaryRowAgainUntilItsTransactionHasCommitted() {
        Map<String, Object> pair = Map.of("holder", "postmark", "category", "user.contact.email");

        // Given a row written in a transaction that has not committed (it may still roll back)
        assertThat(summaries.unknown(List.of(pair))).containsExactly(pair);

        // Then the next batch still writes it
        assertThat(summaries.unknown(List.of(pair))).containsExactly(pair);
    }

    @Test
    void shouldSkipSummaryRowsThisWriterHasCommitted() {
        Map<String, Object> pair = Map.of("holder", "postmark", "category", "user.contact.email");
        Map<String, Object> hop = Map.of("from", "smarttrackers-app", "to", "transip-vps-backups");
        Map<String, Object> other = Map.of("holder", "zendesk", "category", "user.name");

        summaries.committed(List.of(pair, hop));

        assertThat(summaries.unknown(List.of(pair, hop, other))).containsExactly(other);
    }

    @Test
    void shouldRememberABatchsSummariesOnlyWhenTheBatchSaysItCommitted() {
        WriteBatch.Repositories repositories = WriteBatch.Repositories.create(java.time.Clock.systemUTC());
        Map<String, Object> pair = Map.of("holder", "postmark", "category", "user.contact.email");

        new WriteBatch().committed(repositories);

        assertThat(repositories.observed().unknown(List.of(pair))).containsExactly(pair);
    }
}
