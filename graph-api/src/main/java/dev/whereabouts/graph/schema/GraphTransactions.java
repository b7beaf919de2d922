package dev.whereabouts.graph.schema;

import dev.whereabouts.web.ProblemException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.exceptions.RetryableException;

/**
 * Neo4j transactions for the DPO API and the graph writer, retried by the one retry mechanism of the
 * graph side, {@link RetryPolicy} (docs/graph-model.md, "Retries"): the driver's managed transactions ({@code
 * executeRead}/{@code executeWrite}) and their time-bounded retry are not used in the product. For the API,
 * when Neo4j stays unavailable after the retries the caller gets a 503 with Retry-After instead of a
 * 500.
 */
public final class GraphTransactions {

    /**
     * The API's bound: four attempts within about two seconds of waiting, so a request answers within
     * seconds or says 503 (the driver's managed retry it replaces was bounded at five seconds).
     */
    public static final RetryPolicy API_RETRY = new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(1));

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final Driver driver;
    private final RetryPolicy retry;

    /** Transactions retried with {@link #API_RETRY}. */
    public GraphTransactions(Driver driver) {
        this(driver, API_RETRY);
    }

    public GraphTransactions(Driver driver, RetryPolicy retry) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    /** Runs {@code work} in a read transaction, retried; 503 when Neo4j stays unavailable. */
    public <T> T read(Function<? super SimpleQueryRunner, T> work) {
        return answering(AccessMode.READ, work);
    }

    /** Runs {@code work} in a write transaction, retried; 503 when Neo4j stays unavailable. */
    public <T> T write(Function<? super SimpleQueryRunner, T> work) {
        return answering(AccessMode.WRITE, work);
    }

    private <T> T answering(AccessMode mode, Function<? super SimpleQueryRunner, T> work) {
        try {
            return retry.call(
                    "graph " + mode.name().toLowerCase(java.util.Locale.ROOT),
                    () -> once(driver, mode, work),
                    () -> {});
        } catch (RuntimeException e) {
            if (e instanceof RetryableException) {
                throw ProblemException.unavailable("the graph database is not available; try again later", RETRY_AFTER);
            }
            throw e;
        }
    }

    /**
     * One attempt: {@code work} in a transaction of its own that commits when {@code work} returns and
     * rolls back when it throws. Callers wrap it in a {@link RetryPolicy}.
     */
    public static <T> T once(Driver driver, AccessMode mode, Function<? super SimpleQueryRunner, T> work) {
        try (Session session = driver.session(
                        SessionConfig.builder().withDefaultAccessMode(mode).build());
                Transaction tx = session.beginTransaction()) {
            T result = work.apply(tx);
            tx.commit();
            return result;
        }
    }

    public Driver driver() {
        return driver;
    }
}
