package dev.whereabouts.graph.schema;

import dev.whereabouts.web.ProblemException;
import java.time.Duration;
import java.util.function.Function;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;

/**
 * Managed Neo4j transactions for the API: the driver retries transient failures within its
 * configured retry time; when Neo4j stays unavailable the caller gets a 503 with Retry-After
 * instead of a 500.
 */
public final class GraphTransactions {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final Driver driver;

    public GraphTransactions(Driver driver) {
        this.driver = driver;
    }

    public <T> T read(Function<TransactionContext, T> work) {
        try (Session session = driver.session()) {
            return session.executeRead(work::apply);
        } catch (ServiceUnavailableException | SessionExpiredException | TransientException e) {
            throw ProblemException.unavailable("the graph database is not available; try again later", RETRY_AFTER);
        }
    }

    public <T> T write(Function<TransactionContext, T> work) {
        try (Session session = driver.session()) {
            return session.executeWrite(work::apply);
        } catch (ServiceUnavailableException | SessionExpiredException | TransientException e) {
            throw ProblemException.unavailable("the graph database is not available; try again later", RETRY_AFTER);
        }
    }

    public Driver driver() {
        return driver;
    }
}
