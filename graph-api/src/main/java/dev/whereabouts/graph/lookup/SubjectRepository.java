package dev.whereabouts.graph.lookup;

import dev.whereabouts.graph.schema.Cypher;
import dev.whereabouts.graph.schema.EdgeDetail;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Record;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.Value;

/**
 * The subject aggregate: reads of which subject pseudonymous identifiers (or a subject id) resolve to,
 * following merges to the surviving subject, and where that subject's data lives; writes of lineage
 * edges, identifier links, merges and the observed summaries. Every write is an {@code UNWIND $rows}
 * batch that {@code MERGE}s on constrained keys, so writing a row twice changes nothing. Merges are
 * order-independent: a merged subject keeps {@code mergedInto}, loses its edges, and lineage that
 * arrives for it later is ignored, whichever of the two topics is read first.
 */
public final class SubjectRepository {

    private static final String RESOLVE_IDENTIFIERS = Cypher.of("""
            UNWIND $pseudonyms AS pseudonym
            MATCH (:${Identifier} {pseudonym: pseudonym})-[:${IDENTIFIES}]->(s:${Subject})
            OPTIONAL MATCH (s)-[:${MERGED_INTO}*1..10]->(t:${Subject})
            WHERE t.mergedInto IS NULL
            RETURN DISTINCT coalesce(t, s).id AS subjectId
            ORDER BY subjectId
            """);

    /** Surviving subject ids of these pseudonyms; empty when none is known. */
    public List<String> resolve(SimpleQueryRunner tx, List<String> pseudonyms) {
        return tx.run(RESOLVE_IDENTIFIERS, Map.of("pseudonyms", pseudonyms))
                .list(r -> r.get("subjectId").asString());
    }

    private static final String RESOLVE_SUBJECT = Cypher.of("""
            MATCH (s:${Subject} {id: $subjectId})
            OPTIONAL MATCH (s)-[:${MERGED_INTO}*1..10]->(t:${Subject})
            WHERE t.mergedInto IS NULL
            RETURN coalesce(t, s).id AS subjectId
            """);

    /** The surviving subject id of a (possibly merged) subject id; empty when unknown. */
    public List<String> resolveSubject(SimpleQueryRunner tx, String subjectId) {
        return tx.run(RESOLVE_SUBJECT, Map.of("subjectId", subjectId))
                .list(r -> r.get("subjectId").asString());
    }

    private static final String LOCATIONS = Cypher.of("""
            UNWIND $subjectIds AS subjectId
            MATCH (:${Subject} {id: subjectId})-[r:${SHARED_WITH}]->(h:${Holder})
            RETURN subjectId, r, h.id AS holder, h.displayName AS displayName, h.legalEntity AS legalEntity,
                   h.country AS country, h.role AS role
            ORDER BY r.category, holder, subjectId
            """);

    /** Every lineage edge of these subjects. */
    public List<Location> locations(SimpleQueryRunner tx, List<String> subjectIds) {
        return tx.run(LOCATIONS, Map.of("subjectIds", subjectIds)).list(SubjectRepository::location);
    }

    private static final String IDENTIFIERS = Cypher.of("""
            MATCH (t:${Subject}) WHERE t.id IN $subjectIds
            MATCH (s:${Subject})-[:${MERGED_INTO}*0..10]->(t)
            MATCH (i:${Identifier})-[:${IDENTIFIES}]->(s)
            RETURN DISTINCT i.type AS type, i.keyId AS keyId, i.pseudonym AS pseudonym
            ORDER BY type, pseudonym
            """);

    /** The pseudonymous identifiers of these subjects and of the subjects merged into them. */
    public List<Map<String, Object>> identifiers(SimpleQueryRunner tx, List<String> subjectIds) {
        return tx.run(IDENTIFIERS, Map.of("subjectIds", subjectIds)).list(Record::asMap);
    }

    private static Location location(Record record) {
        Value r = record.get("r");
        EdgeDetail.Detail detail = detail(r);
        return new Location(
                record.get("subjectId").asString(),
                r.get("category").asString(),
                record.get("holder").asString(),
                record.get("displayName").asString(null),
                record.get("legalEntity").asString(null),
                record.get("country").asString(null),
                record.get("role").asString(null),
                r.get("direct").asBoolean(false),
                detail.path(),
                detail.purposes(),
                detail.legalBases(),
                detail.sourceSystems(),
                instant(detail.firstSharedAt()),
                instant(detail.lastSharedAt()),
                instant(r.get("retentionUntil")),
                r.get("status").asString(null),
                detail.statusReason());
    }

    /** The edge's {@code detail}; an edge written before it existed has the same values as properties of their own. */
    private static EdgeDetail.Detail detail(Value r) {
        Value stored = r.get("detail");
        if (stored != null && !stored.isNull()) {
            return EdgeDetail.decode(stored.asString());
        }
        return new EdgeDetail.Detail(
                strings(r.get("path")),
                strings(r.get("purposes")),
                strings(r.get("legalBases")),
                strings(r.get("sourceSystems")),
                r.get("firstSharedAt").isNull() ? null : r.get("firstSharedAt").asLong(),
                r.get("lastSharedAt").isNull() ? null : r.get("lastSharedAt").asLong(),
                r.get("statusReason").asString(null),
                r.get("lastEventId").asString(null));
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    static List<String> strings(Value value) {
        return value == null || value.isNull() ? List.of() : value.asList(Value::asString);
    }

    static Instant instant(Value value) {
        return value == null || value.isNull() ? null : Instant.ofEpochMilli(value.asLong());
    }

    // One map for all the edge's properties (RecordDecoder.lineageRow): the four values queries
    // filter on and the rest as one EdgeDetail string, so a new edge costs a few property blocks
    // instead of thirteen properties with three dynamic string arrays.
    private static final String UPSERT_LINEAGE = Cypher.of("""
            UNWIND $rows AS row
            MERGE (s:${Subject} {id: row.subjectId})
            WITH s, row WHERE s.mergedInto IS NULL
            MERGE (h:${Holder} {id: row.holder})
            MERGE (s)-[r:${SHARED_WITH} {category: row.category}]->(h)
            WITH r, row WHERE r.updatedAt IS NULL OR r.updatedAt <= row.updatedAt
            SET r += row.props
            """);

    /** Rows per lineage statement: a poll's rows are written in statements of at most this many. */
    public static final int STATEMENT_ROWS = 5_000;

    /** Writes lineage rows (see {@code RecordDecoder.lineageRow}), in statements of {@link #STATEMENT_ROWS}. */
    public void upsertLineage(SimpleQueryRunner tx, List<Map<String, Object>> rows) {
        for (int from = 0; from < rows.size(); from += STATEMENT_ROWS) {
            Cypher.unwind(tx, UPSERT_LINEAGE, rows.subList(from, Math.min(rows.size(), from + STATEMENT_ROWS)));
        }
    }

    private static final String DELETE_LINEAGE = Cypher.of("""
            UNWIND $rows AS row
            MATCH (:${Subject} {id: row.subjectId})-[r:${SHARED_WITH} {category: row.category}]->(:${Holder} {id: row.holder})
            DELETE r
            """);

    /** Deletes lineage edges by (subjectId, category, holder), for tombstones. */
    public void deleteLineage(SimpleQueryRunner tx, List<Map<String, Object>> rows) {
        Cypher.unwind(tx, DELETE_LINEAGE, rows);
    }

    private static final String MARK_OBSERVED = Cypher.of("""
            UNWIND $rows AS row
            MERGE (h:${Holder} {id: row.holder})
            MERGE (c:${Category} {key: row.category})
            MERGE (h)-[:${OBSERVED}]->(c)
            """);

    /**
     * Records that lineage showed these (holder, category) pairs, for the drift report. Deduplicated by
     * the caller per batch, so this costs a few rows per poll, not one per edge.
     */
    public void markObserved(SimpleQueryRunner tx, List<Map<String, Object>> rows) {
        Cypher.unwind(tx, MARK_OBSERVED, rows);
    }

    private static final String MARK_OBSERVED_FLOWS = Cypher.of("""
            UNWIND $rows AS row
            MERGE (a:${Holder} {id: row.from})
            MERGE (b:${Holder} {id: row.to})
            MERGE (a)-[:${OBSERVED_FLOW}]->(b)
            """);

    /** Records onward hops (from, to) seen in lineage paths, for declared-but-never-observed flows. */
    public void markObservedFlows(SimpleQueryRunner tx, List<Map<String, Object>> rows) {
        Cypher.unwind(tx, MARK_OBSERVED_FLOWS, rows);
    }

    // Two statements: dropping a link that now points elsewhere is a read-only index seek for the
    // usual new identifier, and keeping the delete out of the MERGE statement spares that statement
    // the Eager barriers a read/delete conflict forces on it (measured: the MERGE statement without
    // the delete ran 13-27% faster).
    private static final String UNLINK_MOVED_IDENTITIES = Cypher.of("""
            UNWIND $rows AS row
            MATCH (:${Identifier} {pseudonym: row.pseudonym})-[old:${IDENTIFIES}]->(previous:${Subject})
            WHERE previous.id <> row.subjectId
            DELETE old
            """);

    private static final String UPSERT_IDENTITIES = Cypher.of("""
            UNWIND $rows AS row
            MERGE (i:${Identifier} {pseudonym: row.pseudonym})
            SET i.type = row.type, i.keyId = row.keyId
            MERGE (s:${Subject} {id: row.subjectId})
            MERGE (i)-[l:${IDENTIFIES}]->(s)
            SET l.linkedAt = row.linkedAt, l.causedBy = row.causedBy
            """);

    /** Links pseudonymous identifiers to their (current) subject, replacing an earlier link. */
    public void upsertIdentities(SimpleQueryRunner tx, List<Map<String, Object>> rows) {
        Cypher.unwind(tx, UNLINK_MOVED_IDENTITIES, rows);
        Cypher.unwind(tx, UPSERT_IDENTITIES, rows);
    }

    private static final String DELETE_IDENTITIES = Cypher.of("""
            UNWIND $rows AS row
            MATCH (i:${Identifier} {pseudonym: row.key})
            DETACH DELETE i
            """);

    /** Removes identifiers by pseudonym, for tombstones. */
    public void deleteIdentities(SimpleQueryRunner tx, List<Map<String, Object>> rows) {
        Cypher.unwind(tx, DELETE_IDENTITIES, rows);
    }

    private static final String APPLY_MERGES = Cypher.of("""
            UNWIND $rows AS row
            MERGE (m:${Subject} {id: row.merged})
            MERGE (t:${Subject} {id: row.surviving})
            SET m.mergedInto = row.surviving, m.mergedAt = row.mergedAt, m.mergedBy = row.causedBy
            MERGE (m)-[:${MERGED_INTO}]->(t)
            WITH DISTINCT m
            OPTIONAL MATCH (m)-[r:${SHARED_WITH}]->()
            DELETE r
            """);

    /**
     * Folds merged subjects into their survivors. The survivor's lineage is re-emitted by Streams under
     * its own id, so the merged subject's edges are dropped rather than moved.
     */
    public void applyMerges(SimpleQueryRunner tx, List<Map<String, Object>> rows) {
        Cypher.unwind(tx, APPLY_MERGES, rows);
    }
}
