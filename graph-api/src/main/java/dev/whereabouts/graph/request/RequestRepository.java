package dev.whereabouts.graph.request;

import dev.whereabouts.graph.schema.Cypher;
import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.Deadlines;
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
 * The request aggregate. Reads for following requests; the filing metadata only the DPO API writes
 * (who filed it, when, scope, note; the deadlines and state until the topology reports); and the
 * status and tasks the Streams topology reports on its status topic, written by the graph writer,
 * which is the one truth of state, deadlines, decisions and outcomes. Properties only the API sets
 * live under other names than the topology's and are never overwritten by a status write.
 */
public final class RequestRepository {

    private final Clock clock;

    public RequestRepository(Clock clock) {
        this.clock = clock;
    }

    private static final String FILE = Cypher.of("""
            MERGE (q:${Request} {id: $id})
            ON CREATE SET q.type = $type, q.state = 'RECEIVED', q.receivedAt = $receivedAt, q.deadline = $deadline,
                          q.deadlineBasis = $deadlineBasis, q.statutoryDeadline = $statutoryDeadline,
                          q.promisedDeadline = $promisedDeadline, q.verificationMethod = $verificationMethod,
                          q.subjectId = $subjectId
            SET q.filedBy = $filedBy, q.filedAt = $filedAt, q.scope = $scope, q.note = $note
            """);

    /**
     * What filing records: the request as published, and the deadline in force with its basis.
     *
     * @param request  the request as published
     * @param inForce  the deadline in force when filed and which deadline it is
     * @param subjectId the subject, when the identifiers already resolve to exactly one
     */
    public record Filing(DataSubjectRequest request, Deadlines.InForce inForce, String subjectId) {}

    /** Makes the request visible at once, before the topology reports its status. */
    public void file(SimpleQueryRunner tx, Filing filing) {
        DataSubjectRequest request = filing.request();
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", request.getRequestId());
        parameters.put("type", request.getType().name());
        parameters.put("receivedAt", request.getReceivedAt().toEpochMilli());
        parameters.put("deadline", filing.inForce().deadline().toEpochMilli());
        parameters.put("deadlineBasis", filing.inForce().basis().name());
        parameters.put("statutoryDeadline", millis(request.getStatutoryDeadline()));
        parameters.put("promisedDeadline", millis(request.getPromisedDeadline()));
        parameters.put("verificationMethod", request.getVerificationMethod());
        parameters.put("subjectId", filing.subjectId());
        parameters.put("filedBy", request.getRequestedBy());
        parameters.put("filedAt", clock.millis());
        parameters.put("scope", List.copyOf(request.getScope()));
        parameters.put("note", request.getNote());
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

    private static final String OF_TASK = Cypher.of("""
            MATCH (q:${Request})-[:${HAS_TASK}]->(:${Task} {id: $taskId})
            OPTIONAL MATCH (q)-[:${HAS_TASK}]->(t:${Task})
            OPTIONAL MATCH (t)-[:${ASSIGNED_TO}]->(h:${Holder})
            WITH q, t, h ORDER BY t.holder
            RETURN q, collect(t {.*, channel: h.erasureChannel}) AS tasks
            """);

    /** The request that has the task {@code taskId}, with all its tasks. */
    public Optional<RequestView> findByTask(SimpleQueryRunner tx, String taskId) {
        return tx.run(OF_TASK, Map.of("taskId", taskId)).list(this::view).stream()
                .findFirst();
    }

    /**
     * Overdue as the view shows it: the topology's flag once it reported (or its 0.1.0 OVERDUE state);
     * before that, the filed deadline in force against the clock.
     */
    private static final String OVERDUE = """
            (coalesce(q.overdue, false) OR q.state = 'OVERDUE' OR (q.updatedAt IS NULL AND q.deadline < $now))""";

    private static final String PAGE = Cypher.of("""
            MATCH (q:${Request})
            WHERE ($state IS NULL OR q.state = $state) AND ($type IS NULL OR q.type = $type)
              AND ($subjectId IS NULL OR q.subjectId = $subjectId)
              AND ($overdue IS NULL OR %s = $overdue)
              AND ($afterAt IS NULL OR q.receivedAt < $afterAt OR (q.receivedAt = $afterAt AND q.id < $afterId))
            WITH q ORDER BY q.receivedAt DESC, q.id DESC LIMIT $limit
            OPTIONAL MATCH (q)-[:${HAS_TASK}]->(t:${Task})
            OPTIONAL MATCH (t)-[:${ASSIGNED_TO}]->(h:${Holder})
            WITH q, t, h ORDER BY t.holder
            WITH q, collect(t {.*, channel: h.erasureChannel}) AS tasks
            RETURN q, tasks ORDER BY q.receivedAt DESC, q.id DESC
            """.formatted(OVERDUE));

    /** The sort key of a request in {@link #page}: the cursor of the page that ends with it. */
    public static List<String> pageKey(RequestView request) {
        return List.of(Long.toString(request.receivedAt().toEpochMilli()), request.requestId());
    }

    /** Newest first, after ({@code afterAt}, {@code afterId}) of the previous page ({@link #pageKey}). */
    public List<RequestView> page(
            SimpleQueryRunner tx,
            Optional<String> state,
            Optional<String> type,
            Optional<String> subjectId,
            Optional<Boolean> overdue,
            Optional<Long> afterAt,
            Optional<String> afterId,
            int limit) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("state", state.orElse(null));
        parameters.put("type", type.orElse(null));
        parameters.put("subjectId", subjectId.orElse(null));
        parameters.put("overdue", overdue.orElse(null));
        parameters.put("now", clock.millis());
        parameters.put("afterAt", afterAt.orElse(null));
        parameters.put("afterId", afterId.orElse(null));
        parameters.put("limit", limit);
        return tx.run(PAGE, parameters).list(this::view);
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

    private static final String EXPIRING = Cypher.of("""
            MATCH (q:${Request})-[:${HAS_TASK}]->(t:${Task})
            WHERE q.subjectId IN $subjectIds AND t.type = 'EXPIRES' AND t.expiresAt IS NOT NULL
            RETURN t.holder AS holder, t.categories AS categories, t.expiresAt AS expiresAt
            ORDER BY expiresAt
            """);

    /**
     * A copy an erasure left to expire by itself: the holder keeps it until {@code expiresAt}, when it
     * is gone without anyone acting (an EXPIRES task, docs/requests.md).
     */
    public record ExpiringCopy(String holder, List<String> categories, Instant expiresAt) {}

    /** The self-expiring copies the subjects' erasures named, earliest first. */
    public List<ExpiringCopy> expiringCopies(SimpleQueryRunner tx, List<String> subjectIds) {
        return tx.run(EXPIRING, Map.of("subjectIds", subjectIds))
                .list(r -> new ExpiringCopy(
                        r.get("holder").asString(),
                        strings(r.get("categories")),
                        Instant.ofEpochMilli(r.get("expiresAt").asLong())));
    }

    private RequestView view(Record record) {
        Value q = record.get("q");
        List<RequestView.TaskView> tasks = record.get("tasks")
                .asList(t -> new RequestView.TaskView(
                        t.get("id").asString(),
                        t.get("holder").asString(null),
                        t.get("channel").asString(null),
                        t.get("type").asString(null),
                        strings(t.get("categories")),
                        t.get("state").asString(null),
                        t.get("reason").asString(null),
                        t.get("evidence").asString(null),
                        instant(t.get("updatedAt")),
                        t.get("overdue").asBoolean(false),
                        t.get("escalated").asBoolean(false),
                        instant(t.get("answerBy")),
                        instant(t.get("remindedAt")),
                        instant(t.get("expiresAt"))));
        String state = q.get("state").asString("RECEIVED");
        Instant deadline = instant(q.get("deadline"));
        boolean reported = !q.get("updatedAt").isNull();
        // Keep in step with OVERDUE, the list's filter.
        boolean overdue = q.get("overdue").asBoolean(false)
                || "OVERDUE".equals(state)
                || (!reported && deadline != null && clock.instant().isAfter(deadline));
        RequestView.Verification verification = q.get("verificationDecidedAt").isNull()
                ? null
                : new RequestView.Verification(
                        q.get("verificationUsedMethod").asString(null),
                        q.get("verificationVerified").asBoolean(false),
                        q.get("verificationDecidedBy").asString(null),
                        instant(q.get("verificationDecidedAt")),
                        q.get("verificationNote").asString(null));
        RequestView.InformationRequest information = q.get("informationAskedAt").isNull()
                ? null
                : new RequestView.InformationRequest(
                        instant(q.get("informationAskedAt")),
                        q.get("informationAskedBy").asString(null),
                        q.get("informationNote").asString(null),
                        instant(q.get("informationAnsweredAt")),
                        q.get("informationPausedMillis").asLong(0));
        RequestView.Refusal refusal = q.get("refusalDecidedAt").isNull()
                ? null
                : new RequestView.Refusal(
                        q.get("refusalGround").asString(null),
                        q.get("refusalReason").asString(null),
                        q.get("refusalNotice").asString(null),
                        q.get("refusalDecidedBy").asString(null),
                        instant(q.get("refusalDecidedAt")));
        return new RequestView(
                q.get("id").asString(),
                q.get("type").asString(null),
                state,
                q.get("subjectId").asString(null),
                instant(q.get("receivedAt")),
                deadline,
                q.get("deadlineBasis").asString(null),
                instant(q.get("statutoryDeadline")),
                instant(q.get("promisedDeadline")),
                q.get("extensionReason").asString(null),
                overdue,
                q.get("verificationMethod").asString(null),
                verification,
                information,
                refusal,
                strings(q.get("failedHolders")),
                strings(q.get("escalatedTasks")),
                q.get("answer").asString(null),
                instant(q.get("completedAt")),
                q.get("filedBy").asString(null),
                tasks);
    }

    private static List<String> strings(Value value) {
        return value == null || value.isNull() ? List.of() : value.asList(Value::asString);
    }

    private static Instant instant(Value value) {
        return value == null || value.isNull() ? null : Instant.ofEpochMilli(value.asLong());
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static final String UPSERT_STATUS = Cypher.of("""
            UNWIND $rows AS row
            MERGE (q:${Request} {id: row.id})
            WITH q, row WHERE q.updatedAt IS NULL OR q.updatedAt <= row.updatedAt
            SET q.type = row.type, q.subjectId = row.subjectId, q.state = row.state, q.receivedAt = row.receivedAt,
                q.deadline = row.deadline, q.extensionReason = row.extensionReason, q.updatedAt = row.updatedAt,
                q.completedAt = row.completedAt, q.statutoryDeadline = row.statutoryDeadline,
                q.promisedDeadline = row.promisedDeadline, q.deadlineBasis = row.deadlineBasis,
                q.overdue = row.overdue, q.verificationMethod = row.verificationMethod,
                q.verificationUsedMethod = row.verification.method, q.verificationVerified = row.verification.verified,
                q.verificationDecidedBy = row.verification.decidedBy,
                q.verificationDecidedAt = row.verification.decidedAt, q.verificationNote = row.verification.note,
                q.informationAskedAt = row.informationRequest.askedAt,
                q.informationAskedBy = row.informationRequest.askedBy,
                q.informationNote = row.informationRequest.note,
                q.informationAnsweredAt = row.informationRequest.answeredAt,
                q.informationPausedMillis = row.informationRequest.pausedMillis,
                q.refusalGround = row.refusal.ground, q.refusalReason = row.refusal.reason,
                q.refusalNotice = row.refusal.notice, q.refusalDecidedBy = row.refusal.decidedBy,
                q.refusalDecidedAt = row.refusal.decidedAt,
                q.failedHolders = row.failedHolders, q.escalatedTasks = row.escalatedTasks, q.answer = row.answer
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
                    t.state = task.state, t.reason = task.reason, t.evidence = task.evidence, t.updatedAt = task.updatedAt,
                    t.overdue = task.overdue, t.escalated = task.escalated, t.answerBy = task.answerBy,
                    t.remindedAt = task.remindedAt, t.expiresAt = task.expiresAt
                MERGE (q)-[:${HAS_TASK}]->(t)
                MERGE (h:${Holder} {id: task.holder})
                MERGE (t)-[:${ASSIGNED_TO}]->(h))
            """);

    /**
     * Status and tasks as the topology reports them (graph writer); an older report changes nothing.
     * The nested records of a status ({@code verification}, {@code informationRequest}, {@code
     * refusal}) are maps in the row, flattened into prefixed properties; an absent one is null, which
     * removes its properties.
     */
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
