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
 * Reads of the subject aggregate: which subject pseudonymous identifiers (or a subject id) resolve
 * to, following merges to the surviving subject, and where that subject's data lives.
 */
public final class LookupRepository {

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
        return tx.run(LOCATIONS, Map.of("subjectIds", subjectIds)).list(LookupRepository::location);
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
}
