package dev.whereabouts.graph.request;

import dev.whereabouts.graph.schema.Cypher;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Record;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.Value;

/**
 * The request aggregate. Reads for following requests; the two property groups only the DPO API
 * writes (filing metadata, deadline extension); and the status and tasks the Streams topology reports
 * on its status topic, written by the graph writer. Properties the API sets live under other names
 * than the topology's and are never overwritten by a status write.
 */
public final class RequestRepository {

    private final Clock clock;

    public RequestRepository(Clock clock) {
        this.clock = clock;
    }

    private static final String FILE = Cypher.of("""
            MERGE (q:${Request} {id: $id})
            ON CREATE SET q.type = $type, q.state = 'RECEIVED', q.receivedAt = $receivedAt, q.deadline = $deadline,
                          q.subjectId = $subjectId
            SET q.filedBy = $filedBy, q.filedAt = $filedAt, q.scope = $scope, q.note = $note
            """);

    /** Makes the request visible at once, before the topology reports its status. */
    public void file(
            SimpleQueryRunner tx,
            String id,
            String type,
            Instant receivedAt,
            Instant deadline,
            String subjectId,
            String filedBy,
            List<String> scope,
            String note) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", id);
        parameters.put("type", type);
        parameters.put("receivedAt", receivedAt.toEpochMilli());
        parameters.put("deadline", deadline.toEpochMilli());
        parameters.put("subjectId", subjectId);
        parameters.put("filedBy", filedBy);
        parameters.put("filedAt", clock.millis());
        parameters.put("scope", scope);
        parameters.put("note", note);
        tx.run(FILE, parameters).consume();
    }

    private static final String ONE = Cypher.of("""
            MATCH (q:${Request} {id: $id})
            OPTIONAL MATCH (q)-[:${HAS_TASK}]->(t:${Task})
            OPTIONAL MATCH (t)-[:${ASSIGNED_TO}]->(h:${Holder})
            WITH q, t, h ORDER BY t.holder
            RETURN q, collect(t {.*, channel: h.erasureChannel}) AS tasks
            """);

    public Optional<RequestView> find(SimpleQueryRunner tx, String id) {
        List<RequestView> found = tx.run(ONE, Map.of("id", id)).list(this::view);
        return found.stream().findFirst();
    }

    private static final String PAGE = Cypher.of("""
            MATCH (q:${Request})
            WHERE ($state IS NULL OR q.state = $state) AND ($type IS NULL OR q.type = $type)
              AND ($subjectId IS NULL OR q.subjectId = $subjectId)
              AND ($afterAt IS NULL OR q.receivedAt < $afterAt OR (q.receivedAt = $afterAt AND q.id < $afterId))
            WITH q ORDER BY q.receivedAt DESC, q.id DESC LIMIT $limit
            OPTIONAL MATCH (q)-[:${HAS_TASK}]->(t:${Task})
            OPTIONAL MATCH (t)-[:${ASSIGNED_TO}]->(h:${Holder})
            WITH q, t, h ORDER BY t.holder
            WITH q, collect(t {.*, channel: h.erasureChannel}) AS tasks
            RETURN q, tasks ORDER BY q.receivedAt DESC, q.id DESC
            """);

    /** Newest first, after ({@code afterAt}, {@code afterId}) of the previous page. */
    public List<RequestView> page(
            SimpleQueryRunner tx,
            Optional<String> state,
            Optional<String> type,
            Optional<String> subjectId,
            Optional<Long> afterAt,
            Optional<String> afterId,
            int limit) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("state", state.orElse(null));
        parameters.put("type", type.orElse(null));
        parameters.put("subjectId", subjectId.orElse(null));
        parameters.put("afterAt", afterAt.orElse(null));
        parameters.put("afterId", afterId.orElse(null));
        parameters.put("limit", limit);
        return tx.run(PAGE, parameters).list(this::view);
    }

    private static final String EXTEND = Cypher.of("""
            MATCH (q:${Request} {id: $id})
            WHERE q.extendedDeadline IS NULL
            SET q.extendedDeadline = $deadline, q.extendedReason = $reason, q.extendedBy = $by, q.extendedAt = $at
            RETURN count(q) AS extended
            """);

    /** Records the one extension; false when the request was extended before. */
    public boolean extend(SimpleQueryRunner tx, String id, Instant deadline, String reason, String by) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", id);
        parameters.put("deadline", deadline.toEpochMilli());
        parameters.put("reason", reason);
        parameters.put("by", by);
        parameters.put("at", clock.millis());
        return tx.run(EXTEND, parameters).single().get("extended").asLong() == 1;
    }

    private static final String FOR_SUBJECTS = Cypher.of("""
            MATCH (q:${Request}) WHERE q.subjectId IN $subjectIds
            RETURN q.id AS requestId, q.type AS type, q.state AS state, q.receivedAt AS receivedAt
            ORDER BY receivedAt, requestId
            """);

    /** Short form of the requests concerning these subjects, for the portability export. */
    public List<Map<String, Object>> forSubjects(SimpleQueryRunner tx, List<String> subjectIds) {
        return tx.run(FOR_SUBJECTS, Map.of("subjectIds", subjectIds)).list(r -> {
            Map<String, Object> row = new HashMap<>(r.asMap());
            row.put(
                    "receivedAt",
                    r.get("receivedAt").isNull()
                            ? null
                            : Instant.ofEpochMilli(r.get("receivedAt").asLong()).toString());
            return row;
        });
    }

    private RequestView view(Record record) {
        Value q = record.get("q");
        Instant original = instant(q.get("deadline"));
        Instant extended = instant(q.get("extendedDeadline"));
        Instant deadline = extended != null && (original == null || extended.isAfter(original)) ? extended : original;
        String state = q.get("state").asString("RECEIVED");
        List<RequestView.TaskView> tasks = record.get("tasks")
                .asList(t -> new RequestView.TaskView(
                        t.get("id").asString(),
                        t.get("holder").asString(null),
                        t.get("channel").asString(null),
                        t.get("type").asString(null),
                        t.get("categories").isNull()
                                ? List.of()
                                : t.get("categories").asList(Value::asString),
                        t.get("state").asString(null),
                        t.get("reason").asString(null),
                        t.get("evidence").asString(null),
                        instant(t.get("updatedAt"))));
        boolean finished = RequestView.FINISHED_STATES.contains(state);
        boolean overdue = "OVERDUE".equals(state)
                || (!finished && deadline != null && clock.instant().isAfter(deadline));
        String reason =
                q.get("extendedReason").asString(q.get("extensionReason").asString(null));
        Instant originalDeadline = original == null ? null : original;
        return new RequestView(
                q.get("id").asString(),
                q.get("type").asString(null),
                state,
                q.get("subjectId").asString(null),
                instant(q.get("receivedAt")),
                deadline,
                originalDeadline,
                reason,
                overdue,
                instant(q.get("completedAt")),
                q.get("filedBy").asString(null),
                tasks);
    }

    private static Instant instant(Value value) {
        return value == null || value.isNull() ? null : Instant.ofEpochMilli(value.asLong());
    }

    private static final String UPSERT_STATUS = Cypher.of("""
            UNWIND $rows AS row
            MERGE (q:${Request} {id: row.id})
            WITH q, row WHERE q.updatedAt IS NULL OR q.updatedAt <= row.updatedAt
            SET q.type = row.type, q.subjectId = row.subjectId, q.state = row.state, q.receivedAt = row.receivedAt,
                q.deadline = row.deadline, q.extensionReason = row.extensionReason, q.updatedAt = row.updatedAt,
                q.completedAt = row.completedAt
            WITH q, row
            OPTIONAL MATCH (q)-[old:${CONCERNS}]->(:${Subject})
            DELETE old
            WITH DISTINCT q, row
            FOREACH (subjectId IN CASE WHEN row.subjectId IS NULL THEN [] ELSE [row.subjectId] END |
                MERGE (s:${Subject} {id: subjectId})
                MERGE (q)-[:${CONCERNS}]->(s))
            FOREACH (task IN row.tasks |
                MERGE (t:${Task} {id: task.id})
                SET t.requestId = row.id, t.holder = task.holder, t.type = task.type, t.categories = task.categories,
                    t.state = task.state, t.reason = task.reason, t.evidence = task.evidence, t.updatedAt = task.updatedAt
                MERGE (q)-[:${HAS_TASK}]->(t)
                MERGE (h:${Holder} {id: task.holder})
                MERGE (t)-[:${ASSIGNED_TO}]->(h))
            """);

    /** Status and tasks as the topology reports them (graph writer); an older report changes nothing. */
    public void upsertStatus(SimpleQueryRunner tx, List<Map<String, Object>> rows) {
        Cypher.unwind(tx, UPSERT_STATUS, rows);
    }

    private static final String DELETE_STATUS = Cypher.of("""
            UNWIND $rows AS row
            MATCH (q:${Request} {id: row.key})
            OPTIONAL MATCH (q)-[:${HAS_TASK}]->(t:${Task})
            DETACH DELETE t, q
            """);

    /** Status tombstones: the request and its tasks go (graph writer). */
    public void deleteStatus(SimpleQueryRunner tx, List<Map<String, Object>> rows) {
        Cypher.unwind(tx, DELETE_STATUS, rows);
    }
}
