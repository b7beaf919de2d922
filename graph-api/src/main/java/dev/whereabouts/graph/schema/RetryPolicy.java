package dev.whereabouts.graph.schema;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.neo4j.driver.exceptions.RetryableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded exponential backoff for Neo4j work that failed with a retriable error ({@link
 * RetryableException}: {@code TransientException} such as a deadlock, {@code ServiceUnavailableException},
 * {@code SessionExpiredException}). Anything else is not retried here: it is the record's fault and
 * the caller isolates it for the dead-letter topic.
 *
 * @param maxAttempts    attempts in total, at least 1
 * @param initialBackoff wait after the first failure; doubled after each further one
 * @param maxBackoff     upper bound of a single wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    /** Six attempts over about six seconds: long enough for a deadlock or a leader switch, short enough to notice an outage. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(3));

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoffs must satisfy 0 <= initial <= max");
        }
    }

    /** The wait before attempt {@code attempt + 1} (attempts count from 1). */
    public Duration backoffAfter(int attempt) {
        long millis = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    /**
     * Runs {@code work}, retrying retriable failures; the last retriable failure is rethrown when the
     * attempts are used up, a non-retriable one at once.
     *
     * @param onRetry called before each retry, e.g. to count it
     */
    public <T> T call(String what, Supplier<T> work, Runnable onRetry) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (!(e instanceof RetryableException) || attempt >= maxAttempts) {
                    throw e;
                }
                Duration backoff = backoffAfter(attempt);
                LOG.warn(
                        "{} failed with a retriable error (attempt {}/{}), retrying in {} ms: {}",
                        what,
                        attempt,
                        maxAttempts,
                        backoff.toMillis(),
                        e.getMessage());
                onRetry.run();
                sleep(backoff);
            }
        }
    }

    private static void sleep(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
