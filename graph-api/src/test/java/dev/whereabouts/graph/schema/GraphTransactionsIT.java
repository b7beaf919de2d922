package dev.whereabouts.graph.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.TransientException;

/** The one retry mechanism of the graph side, on a real Neo4j: what is retried and what commits. */
@ExtendWith(EmbeddedStackExtension.class)
class GraphTransactionsIT {

    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5));

    @Test
    void shouldRetryATransientFailureInAFreshTransactionAndKeepOnlyTheAttemptThatCommitted(StackFixture stack) {
        // Given work that writes a probe, then fails its first attempt as a deadlock would
        GraphTransactions graph = new GraphTransactions(stack.driver(), FAST);
        AtomicInteger attempts = new AtomicInteger();

        // When it runs as a write
        String result = graph.write(tx -> {
            int attempt = attempts.incrementAndGet();
            tx.run("CREATE (:RetryProbe {attempt: $attempt})", Map.of("attempt", attempt))
                    .consume();
            if (attempt == 1) {
                throw new TransientException("Neo.TransientError.Transaction.DeadlockDetected", "deadlock");
            }
            return "written";
        });

        // Then it was retried once, and the failed attempt's write was rolled back
        assertThat(result).isEqualTo("written");
        assertThat(attempts).hasValue(2);
        assertThat(probes(graph)).containsExactly(2L);
    }

    @Test
    void shouldNotRetryAFailureNeo4jReportsAsTheClientsFaultAndCommitNothing(StackFixture stack) {
        // Given work that writes a probe, then sends a statement Neo4j refuses
        GraphTransactions graph = new GraphTransactions(stack.driver(), FAST);
        AtomicInteger attempts = new AtomicInteger();

        // When it runs as a write, then the refusal reaches the caller after one attempt
        assertThatThrownBy(() -> graph.write(tx -> {
                    attempts.incrementAndGet();
                    tx.run("CREATE (:RetryProbe {attempt: 1})").consume();
                    return tx.run("THIS IS NOT CYPHER").consume();
                }))
                .isInstanceOf(ClientException.class);
        assertThat(attempts).hasValue(1);

        // And nothing of it was committed
        assertThat(probes(graph)).isEmpty();
    }

    private static List<Long> probes(GraphTransactions graph) {
        return graph.read(tx -> tx.run("MATCH (p:RetryProbe) RETURN p.attempt AS attempt ORDER BY attempt")
                .list(r -> r.get("attempt").asLong()));
    }
}
