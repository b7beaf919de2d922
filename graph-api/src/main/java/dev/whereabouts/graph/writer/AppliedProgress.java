package dev.whereabouts.graph.writer;

import dev.whereabouts.graph.schema.Cypher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.Value;

/**
 * How fresh the graph is: per topic partition, the newest record timestamp the writer has applied and
 * when it applied it, written in the same transaction as the records (one {@code Progress} node per
 * partition, so writer instances owning different partitions never contend on it). The console's home
 * page reads it as "the last event applied"; the processing lag of the engine is a separate measure.
 */
public final class AppliedProgress {

    private static final String RECORD = Cypher.of("""
            UNWIND $rows AS row
            MERGE (p:${Progress} {id: row.id})
            SET p.topic = row.topic,
                p.lastRecordAt = CASE WHEN p.lastRecordAt IS NULL OR p.lastRecordAt < row.lastRecordAt
                                      THEN row.lastRecordAt ELSE p.lastRecordAt END,
                p.appliedAt = row.appliedAt
            """);

    private static final String LATEST = Cypher.of("""
            MATCH (p:${Progress}) WHERE p.topic = $topic
            RETURN max(p.lastRecordAt) AS lastRecordAt, max(p.appliedAt) AS appliedAt
            """);

    /**
     * The newest applied record of a topic.
     *
     * @param lastRecordAt the record's own timestamp (when the event happened or was published)
     * @param appliedAt    when the writer committed it to the graph
     */
    public record Latest(Instant lastRecordAt, Instant appliedAt) {}

    private AppliedProgress() {}

    /** Records, inside the batch's transaction, the newest record timestamp applied per partition. */
    static void record(SimpleQueryRunner tx, Map<String, Long> appliedUpTo) {
        if (appliedUpTo.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        List<Map<String, Object>> rows = new ArrayList<>();
        appliedUpTo.forEach((id, at) -> rows.add(
                Map.of("id", id, "topic", id.substring(0, id.lastIndexOf('-')), "lastRecordAt", at, "appliedAt", now)));
        tx.run(RECORD, Map.of("rows", rows)).consume();
    }

    /** The newest record of {@code topic} the graph holds; empty before the writer applied any. */
    public static Optional<Latest> latest(SimpleQueryRunner tx, String topic) {
        var row = tx.run(LATEST, Map.of("topic", topic)).single();
        Value last = row.get("lastRecordAt");
        if (last.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new Latest(
                Instant.ofEpochMilli(last.asLong()),
                Instant.ofEpochMilli(row.get("appliedAt").asLong())));
    }
}
