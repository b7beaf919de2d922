package dev.whereabouts.graph.audit;

import dev.whereabouts.graph.schema.Cypher;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Record;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.Value;

/**
 * The audit trail as {@code (:AuditEntry)} nodes. Entries are written in the same transaction as
 * the read they audit, so there is no lookup without its entry. Entries are immutable: nothing here
 * updates or deletes them.
 */
public final class AuditRepository {

    private static final String RECORD = Cypher.of("""
            CREATE (:${AuditEntry} {id: $id, at: $at, actor: $actor, action: $action, subjectIds: $subjectIds,
                                     reason: $reason, requestId: $requestId, outcome: $outcome})
            """);

    public void record(SimpleQueryRunner tx, AuditEntry entry) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", entry.id());
        parameters.put("at", entry.at().toEpochMilli());
        parameters.put("actor", entry.actor());
        parameters.put("action", entry.action());
        parameters.put("subjectIds", entry.subjectIds());
        parameters.put("reason", entry.reason());
        parameters.put("requestId", entry.requestId());
        parameters.put("outcome", entry.outcome());
        tx.run(RECORD, parameters).consume();
    }

    /**
     * Which entries to list; every part is optional.
     *
     * @param actor     entries by this caller
     * @param subjectId entries about this pseudonymous subject
     * @param action    entries of this action, e.g. {@code subject.lookup}
     * @param requestId entries about this data-subject request
     * @param from      entries at or after this moment (epoch millis)
     * @param until     entries before this moment (epoch millis)
     */
    public record Filter(
            Optional<String> actor,
            Optional<String> subjectId,
            Optional<String> action,
            Optional<String> requestId,
            Optional<Long> from,
            Optional<Long> until) {

        /** Only the filters the REST API offers: actor, subject and action. */
        public static Filter of(Optional<String> actor, Optional<String> subjectId, Optional<String> action) {
            return new Filter(actor, subjectId, action, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    private static final String PAGE = Cypher.of("""
            MATCH (a:${AuditEntry})
            WHERE ($actor IS NULL OR a.actor = $actor)
              AND ($subjectId IS NULL OR $subjectId IN a.subjectIds)
              AND ($action IS NULL OR a.action = $action)
              AND ($requestId IS NULL OR a.requestId = $requestId)
              AND ($from IS NULL OR a.at >= $from)
              AND ($until IS NULL OR a.at < $until)
              AND ($afterAt IS NULL OR a.at < $afterAt OR (a.at = $afterAt AND a.id < $afterId))
            RETURN a
            ORDER BY a.at DESC, a.id DESC
            LIMIT $limit
            """);

    /**
     * Newest first, after the entry ({@code afterAt}, {@code afterId}) of the previous page.
     *
     * @param limit at most this many
     */
    public List<AuditEntry> page(
            SimpleQueryRunner tx,
            Optional<String> actor,
            Optional<String> subjectId,
            Optional<String> action,
            Optional<Long> afterAt,
            Optional<String> afterId,
            int limit) {
        return page(tx, Filter.of(actor, subjectId, action), afterAt, afterId, limit);
    }

    /**
     * The entries {@code filter} selects, newest first, after the entry ({@code afterAt}, {@code
     * afterId}) of the previous page.
     *
     * @param limit at most this many
     */
    public List<AuditEntry> page(
            SimpleQueryRunner tx, Filter filter, Optional<Long> afterAt, Optional<String> afterId, int limit) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("actor", filter.actor().orElse(null));
        parameters.put("subjectId", filter.subjectId().orElse(null));
        parameters.put("action", filter.action().orElse(null));
        parameters.put("requestId", filter.requestId().orElse(null));
        parameters.put("from", filter.from().orElse(null));
        parameters.put("until", filter.until().orElse(null));
        parameters.put("afterAt", afterAt.orElse(null));
        parameters.put("afterId", afterId.orElse(null));
        parameters.put("limit", limit);
        return tx.run(PAGE, parameters).list(AuditRepository::entry);
    }

    private static final String OF_REQUEST = Cypher.of("""
            MATCH (a:${AuditEntry} {requestId: $requestId})
            RETURN a
            ORDER BY a.at, a.id
            LIMIT $limit
            """);

    /** The entries about data-subject request {@code requestId}, oldest first, at most {@code limit}. */
    public List<AuditEntry> ofRequest(SimpleQueryRunner tx, String requestId, int limit) {
        return tx.run(OF_REQUEST, Map.of("requestId", requestId, "limit", limit))
                .list(AuditRepository::entry);
    }

    private static AuditEntry entry(Record record) {
        Value a = record.get("a");
        return new AuditEntry(
                a.get("id").asString(),
                Instant.ofEpochMilli(a.get("at").asLong()),
                a.get("actor").asString(),
                a.get("action").asString(),
                a.get("subjectIds").asList(Value::asString),
                a.get("reason").asString(null),
                a.get("requestId").asString(null),
                a.get("outcome").asString(null));
    }
}
