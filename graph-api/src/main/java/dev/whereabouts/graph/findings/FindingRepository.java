package dev.whereabouts.graph.findings;

import dev.whereabouts.graph.schema.Cypher;
import dev.whereabouts.graph.schema.GraphValues;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neo4j.driver.Record;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.Value;

/**
 * The findings aggregate: retention findings (written from the Streams findings topic, linked to the
 * subject and the holder they concern, and read by holder, state and kind) and the drift report, read
 * from the catalog and the observed-lineage summary ({@code OBSERVED}, {@code OBSERVED_FLOW}, kept by
 * the writer). Those are per-holder aggregates, so the drift report never scans the lineage edges.
 */
public final class FindingRepository {

    private static final String HOLDERS = Cypher.of("""
            MATCH (h:${Holder})
            OPTIONAL MATCH (h)-[:${DECLARES}]->(c:${Category})
            WITH h, collect(c.key) AS declared
            OPTIONAL MATCH (h)-[:${OBSERVED}]->(o:${Category})
            RETURN h.id AS id, coalesce(h.declared, false) AS inCatalog, declared, collect(o.key) AS observed
            ORDER BY id
            """);

    private static final String FLOWS = Cypher.of("""
            MATCH (f:${Flow})
            RETURN f.id AS id, f.from AS from, f.to AS to, f.categories AS categories
            ORDER BY id
            """);

    private static final String HOPS = Cypher.of("""
            MATCH (a:${Holder})-[:${OBSERVED_FLOW}]->(b:${Holder})
            RETURN a.id AS from, b.id AS to
            """);

    /** Every drift finding, sorted by kind, holder and category. */
    public List<DriftFinding> drift(SimpleQueryRunner tx) {
        List<DriftAnalysis.HolderFacts> holders = tx.run(HOLDERS)
                .list(r -> new DriftAnalysis.HolderFacts(
                        r.get("id").asString(),
                        r.get("inCatalog").asBoolean(),
                        Set.copyOf(GraphValues.strings(r.get("declared"))),
                        Set.copyOf(GraphValues.strings(r.get("observed")))));
        List<DriftAnalysis.FlowFacts> flows = tx.run(FLOWS)
                .list(r -> new DriftAnalysis.FlowFacts(
                        r.get("id").asString(),
                        r.get("from").asString(),
                        r.get("to").asString(),
                        GraphValues.strings(r.get("categories"))));
        Set<List<String>> hops = new HashSet<>(tx.run(HOPS)
                .list(r -> List.of(r.get("from").asString(), r.get("to").asString())));
        return DriftAnalysis.analyse(holders, flows, hops);
    }

    private static final String UPSERT_FINDINGS = Cypher.of("""
            UNWIND $rows AS row
            MERGE (f:${Finding} {id: row.id})
            SET f.subjectId = row.subjectId, f.category = row.category, f.holder = row.holder, f.kind = row.kind,
                f.lastSharedAt = row.lastSharedAt, f.dueAt = row.dueAt, f.detectedAt = row.detectedAt,
                f.resolved = row.resolved, f.rule = row.rule
            MERGE (s:${Subject} {id: row.subjectId})
            MERGE (h:${Holder} {id: row.holder})
            MERGE (f)-[:${ABOUT}]->(s)
            MERGE (f)-[:${AT}]->(h)
            """);

    /** Retention findings from the Streams findings topic (graph writer). */
    public void upsertFindings(SimpleQueryRunner tx, List<Map<String, Object>> rows) {
        Cypher.unwind(tx, UPSERT_FINDINGS, rows);
    }

    private static final String DELETE_FINDINGS = Cypher.of("""
            UNWIND $rows AS row
            MATCH (f:${Finding} {id: row.key})
            DETACH DELETE f
            """);

    /** Finding tombstones (graph writer). */
    public void deleteFindings(SimpleQueryRunner tx, List<Map<String, Object>> rows) {
        Cypher.unwind(tx, DELETE_FINDINGS, rows);
    }

    private static final String FINDINGS = Cypher.of("""
            MATCH (f:${Finding})
            WHERE ($holder IS NULL OR f.holder = $holder) AND ($resolved IS NULL OR f.resolved = $resolved)
              AND ($kind IS NULL OR f.kind = $kind) AND ($after IS NULL OR f.id > $after)
            RETURN f ORDER BY f.id LIMIT $limit
            """);

    /** Retention findings by id, filtered. */
    public List<FindingView> findings(
            SimpleQueryRunner tx,
            Optional<String> holder,
            Optional<Boolean> resolved,
            Optional<String> kind,
            Optional<String> after,
            int limit) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("holder", holder.orElse(null));
        parameters.put("resolved", resolved.orElse(null));
        parameters.put("kind", kind.orElse(null));
        parameters.put("after", after.orElse(null));
        parameters.put("limit", limit);
        return tx.run(FINDINGS, parameters).list(r -> view(r.get("f")));
    }

    private static final String OPEN_FINDINGS = Cypher.of("""
            MATCH (f:${Finding} {holder: $id}) WHERE NOT f.resolved
            WITH f ORDER BY f.dueAt, f.id
            RETURN count(f) AS open, collect(f)[0..$first] AS first
            """);

    /** How many findings about a holder are open, and the first of them by due date. */
    public record OpenFindings(long count, List<FindingView> first) {}

    /** The open findings about {@code holder}: their count and the {@code first} due. */
    public OpenFindings openAt(SimpleQueryRunner tx, String holder, int first) {
        Record found =
                tx.run(OPEN_FINDINGS, Map.of("id", holder, "first", first)).single();
        return new OpenFindings(found.get("open").asLong(), found.get("first").asList(FindingRepository::view));
    }

    /**
     * Open findings of one holder, kind, category and rule: how many and the oldest due date.
     *
     * @param oldestDue the earliest {@code dueAt} among them
     */
    public record FindingGroup(
            String holder, String kind, String category, String rule, long count, Instant oldestDue) {}

    // Every predicate names all six properties of the finding_open_groups index (resolved first, then
    // equality or existence on the rest), so the planner answers from the index alone: a seek whose
    // entries carry the values, never a read of 200,000 nodes' properties. A chosen holder is an
    // equality in the query text (not "$holder IS NULL OR ..."), so the seek covers only its entries.
    private static final String OPEN_GROUPS = """
            MATCH (f:${Finding})
            WHERE f.resolved = false AND %s AND f.kind IS NOT NULL AND f.category IS NOT NULL
              AND f.rule IS NOT NULL AND f.dueAt IS NOT NULL AND ($kind IS NULL OR f.kind = $kind)
            RETURN f.holder AS holder, f.kind AS kind, f.category AS category, f.rule AS rule,
                   count(*) AS count, min(f.dueAt) AS oldestDue
            ORDER BY count DESC, holder, kind, category, rule
            LIMIT $limit
            """;

    private static final String OPEN_GROUPS_EVERYWHERE = Cypher.of(OPEN_GROUPS.formatted("f.holder IS NOT NULL"));

    private static final String OPEN_GROUPS_AT_HOLDER = Cypher.of(OPEN_GROUPS.formatted("f.holder = $holder"));

    /**
     * Open findings grouped by holder, kind, category and rule, the largest groups first; at most
     * {@code limit} groups.
     */
    public List<FindingGroup> openGroups(
            SimpleQueryRunner tx, Optional<String> holder, Optional<String> kind, int limit) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("holder", holder.orElse(null));
        parameters.put("kind", kind.orElse(null));
        parameters.put("limit", limit);
        return tx.run(holder.isPresent() ? OPEN_GROUPS_AT_HOLDER : OPEN_GROUPS_EVERYWHERE, parameters)
                .list(r -> new FindingGroup(
                        r.get("holder").asString(),
                        r.get("kind").asString(),
                        r.get("category").asString(),
                        r.get("rule").asString(),
                        r.get("count").asLong(),
                        GraphValues.instant(r.get("oldestDue"))));
    }

    private static final String OPEN_GROUP = Cypher.of("""
            MATCH (f:${Finding})
            WHERE f.resolved = false AND f.holder = $holder AND f.kind = $kind AND f.category = $category
              AND f.rule = $rule AND f.dueAt IS NOT NULL
            RETURN count(*) AS count, min(f.dueAt) AS oldestDue
            """);

    /**
     * One group of open findings: a seek on exactly its index entries. Its count is 0 (and its
     * oldest due date null) when none is open.
     */
    public FindingGroup openGroup(SimpleQueryRunner tx, String holder, String kind, String category, String rule) {
        Record found = tx.run(OPEN_GROUP, Map.of("holder", holder, "kind", kind, "category", category, "rule", rule))
                .single();
        return new FindingGroup(
                holder, kind, category, rule, found.get("count").asLong(), GraphValues.instant(found.get("oldestDue")));
    }

    private static final String OPEN_COUNTS = Cypher.of("""
            MATCH (f:${Finding})
            WHERE f.resolved = false AND f.holder IN $holders AND f.kind IS NOT NULL AND f.category IS NOT NULL
              AND f.rule IS NOT NULL AND f.dueAt IS NOT NULL
            RETURN f.holder AS holder, count(*) AS open
            """);

    /** How many findings are open at each of {@code holders} (holders without any are left out). */
    public Map<String, Long> openCounts(SimpleQueryRunner tx, List<String> holders) {
        Map<String, Long> counts = new HashMap<>();
        tx.run(OPEN_COUNTS, Map.of("holders", holders))
                .forEachRemaining(r ->
                        counts.put(r.get("holder").asString(), r.get("open").asLong()));
        return counts;
    }

    private static final String GROUP_MEMBERS = Cypher.of("""
            MATCH (f:${Finding})
            WHERE f.resolved = false AND f.holder = $holder AND f.kind = $kind AND f.category = $category
              AND f.rule = $rule AND f.dueAt >= $afterDue
              AND (f.dueAt > $afterDue OR f.id > $afterId)
            RETURN f ORDER BY f.dueAt, f.id LIMIT $limit
            """);

    /**
     * The open findings of one group, oldest due first, after the finding ({@code afterDue}, {@code
     * afterId}) that ended the previous page: an index seek on the group's values and a range on the
     * due date.
     */
    public List<FindingView> openInGroup(
            SimpleQueryRunner tx, FindingGroup group, Optional<Long> afterDue, Optional<String> afterId, int limit) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("holder", group.holder());
        parameters.put("kind", group.kind());
        parameters.put("category", group.category());
        parameters.put("rule", group.rule());
        parameters.put("afterDue", afterDue.orElse(Long.MIN_VALUE));
        parameters.put("afterId", afterId.orElse(""));
        parameters.put("limit", limit);
        return tx.run(GROUP_MEMBERS, parameters).list(r -> view(r.get("f")));
    }

    private static FindingView view(Value f) {
        return new FindingView(
                f.get("id").asString(),
                f.get("subjectId").asString(null),
                f.get("category").asString(null),
                f.get("holder").asString(null),
                f.get("kind").asString(null),
                GraphValues.instant(f.get("lastSharedAt")),
                GraphValues.instant(f.get("dueAt")),
                GraphValues.instant(f.get("detectedAt")),
                f.get("resolved").asBoolean(false),
                f.get("rule").asString(null));
    }
}
