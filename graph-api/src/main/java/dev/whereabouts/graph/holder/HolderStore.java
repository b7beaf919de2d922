package dev.whereabouts.graph.holder;

import dev.whereabouts.graph.schema.Cypher;
import dev.whereabouts.graph.schema.GraphValues;
import dev.whereabouts.graph.schema.LegalHolds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Record;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.Value;

/** Reads of the holder aggregate, and of the retention findings about holders. */
public final class HolderStore {

    private static final String PAGE = Cypher.of("""
            MATCH (h:${Holder}) WHERE $after IS NULL OR h.id > $after
            WITH h ORDER BY h.id LIMIT $limit
            OPTIONAL MATCH (h)-[:${DECLARES}]->(c:${Category})
            WITH h, collect(c.key) AS declared
            OPTIONAL MATCH (h)-[:${OBSERVED}]->(o:${Category})
            RETURN h, declared, collect(o.key) AS observed
            ORDER BY h.id
            """);

    /** Holders by id, after {@code after}. */
    public List<HolderSummary> page(SimpleQueryRunner tx, Optional<String> after, int limit) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("after", after.orElse(null));
        parameters.put("limit", limit);
        return tx.run(PAGE, parameters).list(HolderStore::summary);
    }

    private static final String ONE = Cypher.of("""
            MATCH (h:${Holder} {id: $id})
            OPTIONAL MATCH (h)-[:${DECLARES}]->(c:${Category})
            WITH h, collect(c.key) AS declared
            OPTIONAL MATCH (h)-[:${OBSERVED}]->(o:${Category})
            WITH h, declared, collect(o.key) AS observed
            OPTIONAL MATCH (h)-[d:${DECLARES}]->(rc:${Category})
            RETURN h, declared, observed, collect({category: rc.key, retention: d.retention, note: d.note}) AS retention
            """);

    private static final String PEOPLE_PER_CATEGORY = Cypher.of("""
            MATCH (:${Holder} {id: $id})<-[r:${SHARED_WITH}]-(:${Subject})
            RETURN r.category AS category, r.status AS status, count(*) AS people
            ORDER BY category, status
            """);

    private static final String PEOPLE = Cypher.of("""
            MATCH (:${Holder} {id: $id})<-[:${SHARED_WITH}]-(s:${Subject})
            RETURN count(DISTINCT s) AS people
            """);

    private static final String OPEN_FINDINGS = Cypher.of("""
            MATCH (f:${Finding} {holder: $id}) WHERE NOT f.resolved
            WITH f ORDER BY f.dueAt, f.id
            RETURN count(f) AS open, collect(f)[0..$first] AS first
            """);

    public Optional<HolderDetail> find(SimpleQueryRunner tx, String id) {
        List<Record> found = tx.run(ONE, Map.of("id", id)).list();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Record record = found.get(0);
        Value h = record.get("h");
        List<HolderDetail.DeclaredRetention> retention = record.get("retention").asList(v -> v).stream()
                .filter(v -> !v.get("category").isNull())
                .map(v -> new HolderDetail.DeclaredRetention(
                        v.get("category").asString(),
                        v.get("retention").asString(null),
                        v.get("note").asString(null)))
                .sorted(java.util.Comparator.comparing(HolderDetail.DeclaredRetention::category))
                .toList();
        List<String> holds = GraphValues.strings(h.get("legalHolds")).stream()
                .map(LegalHolds::decode)
                .map(hold -> hold.reason() + " (" + hold.period() + ", " + hold.legalReference() + "; "
                        + String.join(", ", hold.categories()) + ")")
                .toList();
        List<HolderDetail.CategoryCount> categories = tx.run(PEOPLE_PER_CATEGORY, Map.of("id", id))
                .list(r -> new HolderDetail.CategoryCount(
                        r.get("category").asString(),
                        r.get("status").asString(null),
                        r.get("people").asLong()));
        long people = tx.run(PEOPLE, Map.of("id", id)).single().get("people").asLong();
        Record findings = tx.run(OPEN_FINDINGS, Map.of("id", id, "first", 20)).single();
        return Optional.of(new HolderDetail(
                summary(record),
                GraphValues.sortedStrings(h.get("purposes")),
                retention,
                holds,
                people,
                categories,
                findings.get("open").asLong(),
                findings.get("first").asList(HolderStore::finding)));
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
        return tx.run(FINDINGS, parameters).list(r -> finding(r.get("f")));
    }

    static FindingView finding(Value f) {
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

    private static HolderSummary summary(Record record) {
        Value h = record.get("h");
        return new HolderSummary(
                h.get("id").asString(),
                h.get("declared").asBoolean(false),
                h.get("displayName").asString(null),
                h.get("legalEntity").asString(null),
                h.get("country").asString(null),
                h.get("role").asString(null),
                h.get("erasureChannel").asString(null),
                GraphValues.sortedStrings(record.get("declared")),
                GraphValues.sortedStrings(record.get("observed")));
    }
}
