package dev.whereabouts.graph.findings;

import dev.whereabouts.graph.schema.Cypher;
import dev.whereabouts.graph.schema.GraphValues;
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
