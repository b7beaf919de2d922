package dev.whereabouts.graph.holder;

import dev.whereabouts.graph.findings.FindingRepository;
import dev.whereabouts.graph.schema.Cypher;
import dev.whereabouts.graph.schema.GraphValues;
import dev.whereabouts.graph.schema.LegalHolds;
import dev.whereabouts.model.catalog.Backups;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Record;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.Value;

/**
 * The holder aggregate: reads of holders with their declarations and observed categories; writes of
 * the catalog (holders with their declared categories and retention, declared onward flows). A
 * holder removed from the catalog keeps its node (lineage may still point at it) but loses its
 * declarations and is marked {@code declared = false}.
 */
public final class HolderRepository {

    private final FindingRepository findings = new FindingRepository();

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
        return tx.run(PAGE, parameters).list(HolderRepository::summary);
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
            MATCH (:${Holder} {id: $id})<-[r:${SHARED_WITH}]-()
            RETURN r.category AS category, r.status AS status, count(*) AS people
            ORDER BY category, status
            """);

    private static final String PEOPLE = Cypher.of("""
            MATCH (:${Holder} {id: $id})<-[:${SHARED_WITH}]-(s:${Subject})
            RETURN count(DISTINCT s) AS people
            """);

    public Optional<HolderDetail> find(SimpleQueryRunner tx, String id) {
        List<Record> found = tx.run(ONE, Map.of("id", id)).list();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Record record = found.get(0);
        Value h = record.get("h");
        List<HolderDetail.DeclaredRetention> retention = declaredRetention(record.get("retention"));
        List<String> holds = GraphValues.strings(h.get("legalHolds")).stream()
                .map(LegalHolds::decode)
                .map(hold -> hold.reason() + " (" + hold.period() + ", " + hold.legalReference() + "; "
                        + String.join(", ", hold.categories()) + ")")
                .toList();
        List<HolderDetail.CategoryCount> categories = peoplePerCategory(tx, id);
        long people = tx.run(PEOPLE, Map.of("id", id)).single().get("people").asLong();
        FindingRepository.OpenFindings open = findings.openAt(tx, id, 20);
        return Optional.of(new HolderDetail(
                summary(record),
                GraphValues.sortedStrings(h.get("purposes")),
                retention,
                holds,
                people,
                categories,
                open.count(),
                open.first()));
    }

    private static final String CATALOG = Cypher.of("""
            MATCH (h:${Holder}) WHERE $id IS NULL OR h.id = $id
            WITH h ORDER BY h.id LIMIT $limit
            OPTIONAL MATCH (h)-[d:${DECLARES}]->(c:${Category})
            WITH h, collect({category: c.key, retention: d.retention, note: d.note}) AS declares
            OPTIONAL MATCH (fin:${Flow})-[:${TO}]->(h)
            WITH h, declares, collect(fin {.*}) AS flowsIn
            OPTIONAL MATCH (fout:${Flow})-[:${FROM}]->(h)
            RETURN h, declares, flowsIn, collect(fout {.*}) AS flowsOut
            ORDER BY h.id
            """);

    /** The first {@code limit} holders by id, as the catalog declares them (the catalog is small: tens of holders). */
    public List<DeclaredHolder> catalog(SimpleQueryRunner tx, int limit) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", null);
        parameters.put("limit", limit);
        return tx.run(CATALOG, parameters).list(HolderRepository::catalogHolder);
    }

    /** One holder as the catalog declares it; empty when the graph has no holder with this id. */
    public Optional<DeclaredHolder> catalogEntry(SimpleQueryRunner tx, String id) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", id);
        parameters.put("limit", 1);
        return tx.run(CATALOG, parameters).list(HolderRepository::catalogHolder).stream()
                .findFirst();
    }

    private static final String FLOWS = Cypher.of("""
            MATCH (f:${Flow})
            RETURN f {.*} AS f ORDER BY f.id LIMIT $limit
            """);

    /** Every declared onward flow, by id (at most {@code limit}). */
    public List<FlowView> flows(SimpleQueryRunner tx, int limit) {
        return tx.run(FLOWS, Map.of("limit", limit)).list(r -> flow(r.get("f")));
    }

    /**
     * How many people's data of each category the holder holds, by lineage status: counted from the
     * holder's side, one hop over its own {@code SHARED_WITH} relationships and their two properties,
     * never from the people. One edge per (subject, category, holder), so edges are people.
     */
    public List<HolderDetail.CategoryCount> peoplePerCategory(SimpleQueryRunner tx, String id) {
        return tx.run(PEOPLE_PER_CATEGORY, Map.of("id", id))
                .list(r -> new HolderDetail.CategoryCount(
                        r.get("category").asString(),
                        r.get("status").asString(null),
                        r.get("people").asLong()));
    }

    /** The {@code DECLARES} relationships read as {category, retention, note} maps, by category. */
    private static List<HolderDetail.DeclaredRetention> declaredRetention(Value declared) {
        return declared.asList(v -> v).stream()
                .filter(v -> !v.get("category").isNull())
                .map(v -> new HolderDetail.DeclaredRetention(
                        v.get("category").asString(),
                        v.get("retention").asString(null),
                        v.get("note").asString(null)))
                .sorted(java.util.Comparator.comparing(HolderDetail.DeclaredRetention::category))
                .toList();
    }

    private static DeclaredHolder catalogHolder(Record record) {
        Value h = record.get("h");
        List<HolderDetail.DeclaredRetention> retention = declaredRetention(record.get("declares"));
        return new DeclaredHolder(
                h.get("id").asString(),
                h.get("declared").asBoolean(false),
                h.get("displayName").asString(null),
                h.get("legalEntity").asString(null),
                h.get("country").asString(null),
                h.get("role").asString(null),
                GraphValues.sortedStrings(h.get("purposes")),
                h.get("erasureChannel").asString(null),
                h.get("erasureEndpoint").asString(null),
                retention,
                GraphValues.strings(h.get("legalHolds")).stream()
                        .map(LegalHolds::decode)
                        .toList(),
                record.get("flowsIn").asList(HolderRepository::flow).stream()
                        .sorted(java.util.Comparator.comparing(FlowView::id))
                        .toList(),
                record.get("flowsOut").asList(HolderRepository::flow).stream()
                        .sorted(java.util.Comparator.comparing(FlowView::id))
                        .toList());
    }

    private static FlowView flow(Value f) {
        return new FlowView(
                f.get("id").asString(),
                f.get("from").asString(null),
                f.get("to").asString(null),
                GraphValues.strings(f.get("categories")),
                f.get("retention").asString(null),
                f.get("purpose").asString(null),
                f.get("description").asString(null));
    }

    private static final String KEEPING = Cypher.of("""
            MATCH (h:${Holder}) WHERE h.id IN $ids
            RETURN h.id AS id, h.purposes AS purposes, h.legalHolds AS legalHolds
            """);

    /**
     * What the catalog says about why some holders keep data: their purposes (which tell the backups,
     * {@link Backups}) and their legal holds.
     *
     * @param id         catalog id
     * @param purposes   purpose ids, sorted; empty for a holder the catalog does not declare
     * @param legalHolds legal obligations to keep data
     */
    public record Keeping(String id, List<String> purposes, List<LegalHolds.Hold> legalHolds) {

        /** True when the holder keeps backups. */
        public boolean isBackup() {
            return Backups.isBackupHolder(purposes);
        }
    }

    /** {@link Keeping} of each of these holders that the graph knows, by id. */
    public Map<String, Keeping> keeping(SimpleQueryRunner tx, Collection<String> ids) {
        Map<String, Keeping> keeping = new HashMap<>();
        for (Record record : tx.run(KEEPING, Map.of("ids", List.copyOf(ids))).list()) {
            String id = record.get("id").asString();
            keeping.put(
                    id,
                    new Keeping(
                            id,
                            GraphValues.sortedStrings(record.get("purposes")),
                            GraphValues.strings(record.get("legalHolds")).stream()
                                    .map(LegalHolds::decode)
                                    .toList()));
        }
        return keeping;
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

    private static final String UPSERT_HOLDERS = Cypher.of("""
            UNWIND $rows AS row
            MERGE (h:${Holder} {id: row.id})
            SET h.declared = true, h.displayName = row.displayName, h.legalEntity = row.legalEntity, h.country = row.country,
                h.role = row.role, h.purposes = row.purposes, h.categories = row.categories,
                h.erasureChannel = row.erasureChannel, h.erasureEndpoint = row.erasureEndpoint,
                h.catalogVersion = row.catalogVersion, h.legalHolds = row.legalHolds
            WITH h, row
            OPTIONAL MATCH (h)-[old:${DECLARES}]->(:${Category})
            DELETE old
            WITH DISTINCT h, row
            UNWIND row.declares AS declared
            MERGE (c:${Category} {key: declared.category})
            MERGE (h)-[d:${DECLARES}]->(c)
            SET d.retention = declared.retention, d.note = declared.note
            """);

    /** Holders as the catalog declares them, replacing their declarations (graph writer). */
    public void upsertHolders(SimpleQueryRunner tx, List<Map<String, Object>> rows) {
        Cypher.unwind(tx, UPSERT_HOLDERS, rows);
    }

    private static final String UNDECLARE_HOLDERS = Cypher.of("""
            UNWIND $rows AS row
            MATCH (h:${Holder} {id: row.key})
            SET h = {id: h.id, declared: false}
            WITH h
            OPTIONAL MATCH (h)-[d:${DECLARES}]->(:${Category})
            DELETE d
            """);

    /** Holder tombstones: the holder is no longer in the catalog. */
    public void undeclareHolders(SimpleQueryRunner tx, List<Map<String, Object>> rows) {
        Cypher.unwind(tx, UNDECLARE_HOLDERS, rows);
    }

    private static final String UPSERT_FLOWS = Cypher.of("""
            UNWIND $rows AS row
            MERGE (f:${Flow} {id: row.id})
            SET f.from = row.from, f.to = row.to, f.categories = row.categories, f.retention = row.retention,
                f.purpose = row.purpose, f.description = row.description, f.catalogVersion = row.catalogVersion
            WITH f, row
            OPTIONAL MATCH (f)-[old:${FROM}|${TO}]->(:${Holder})
            DELETE old
            WITH DISTINCT f, row
            MERGE (a:${Holder} {id: row.from})
            MERGE (b:${Holder} {id: row.to})
            MERGE (f)-[:${FROM}]->(a)
            MERGE (f)-[:${TO}]->(b)
            """);

    /** Declared onward flows, replacing their ends (graph writer). */
    public void upsertFlows(SimpleQueryRunner tx, List<Map<String, Object>> rows) {
        Cypher.unwind(tx, UPSERT_FLOWS, rows);
    }

    private static final String DELETE_FLOWS = Cypher.of("""
            UNWIND $rows AS row
            MATCH (f:${Flow} {id: row.key})
            DETACH DELETE f
            """);

    /** Flow tombstones (graph writer). */
    public void deleteFlows(SimpleQueryRunner tx, List<Map<String, Object>> rows) {
        Cypher.unwind(tx, DELETE_FLOWS, rows);
    }
}
