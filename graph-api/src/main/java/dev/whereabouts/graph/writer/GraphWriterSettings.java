package dev.whereabouts.graph.writer;

import dev.whereabouts.graph.schema.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How the graph writer consumes and retries.
 *
 * @param groupId        Kafka consumer group; instances sharing it split the partitions
 * @param maxPollRecords records per poll, hence per Neo4j transaction
 * @param pollTimeout    how long one poll waits for records
 * @param retry          bounded backoff for retriable Neo4j errors
 * @param cooldown       pause after a poll whose write failed even after the retries; the records are
 *                       read again afterwards (nothing is committed, nothing is dead-lettered: an
 *                       unavailable database is not the records' fault)
 */
public record GraphWriterSettings(
        String groupId, int maxPollRecords, Duration pollTimeout, RetryPolicy retry, Duration cooldown) {

    /** Default consumer group of the graph writer. */
    public static final String DEFAULT_GROUP_ID = "whereabouts-graph-writer";

    /**
     * Records per poll by default. Large on purpose: the writer fetches 128 KiB of every partition
     * with a backlog per request, and a poll this size takes a slice of each. Lineage is keyed by
     * (subject, category, holder), so a subject's edges sit on different partitions; only a poll
     * spanning the partitions holds them together, and the batch then writes each subject's edges one
     * after the other (sorted by subject). A poll of 5,000 held one or two partitions. Written as
     * statements of at most {@link dev.whereabouts.graph.lookup.SubjectRepository#STATEMENT_ROWS} rows.
     */
    public static final int DEFAULT_MAX_POLL_RECORDS = 30_000;

    public GraphWriterSettings {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(cooldown, "cooldown");
        if (groupId.isBlank()) {
            throw new IllegalArgumentException("groupId must not be blank");
        }
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("maxPollRecords must be at least 1, got " + maxPollRecords);
        }
    }

    public static GraphWriterSettings defaults(String groupId) {
        return new GraphWriterSettings(
                groupId, DEFAULT_MAX_POLL_RECORDS, Duration.ofMillis(200), RetryPolicy.DEFAULT, Duration.ofSeconds(5));
    }

    public GraphWriterSettings withRetry(RetryPolicy policy, Duration newCooldown) {
        return new GraphWriterSettings(groupId, maxPollRecords, pollTimeout, policy, newCooldown);
    }

    public GraphWriterSettings withMaxPollRecords(int records) {
        return new GraphWriterSettings(groupId, records, pollTimeout, retry, cooldown);
    }
}
