package dev.whereabouts.graph.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.whereabouts.web.ProblemException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/** What the API's caller sees when Neo4j cannot be reached. */
class GraphTransactionsTest {

    @Test
    void shouldAnswerServiceUnavailableWithRetryAfterWhenNeo4jStaysUnreachableAfterTheRetries() {
        // Given nothing listens where the driver points
        try (Driver unreachable = GraphDatabase.driver(
                "bolt://127.0.0.1:1",
                AuthTokens.none(),
                Config.builder()
                        .withConnectionTimeout(200, TimeUnit.MILLISECONDS)
                        .build())) {
            GraphTransactions graph =
                    new GraphTransactions(unreachable, new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2)));

            // When the API reads
            ProblemException problem = catchThrowableOfType(() -> graph.read(tx -> "never"), ProblemException.class);

            // Then the caller is told to come back later, not given a 500
            assertThat(problem.problem().status()).isEqualTo(503);
            assertThat(problem.retryAfter()).contains(Duration.ofSeconds(5));
        }
    }
}
