package dev.whereabouts.graph.writer;

import dev.whereabouts.graph.schema.Cypher;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.SimpleQueryRunner;

/** Writes of retention findings, linked to the subject and the holder they concern. */
public final class FindingRepository {

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

    public void upsertFindings(SimpleQueryRunner tx, List<Map<String, Object>> rows) {
        run(tx, UPSERT_FINDINGS, rows);
    }

    private static final String DELETE_FINDINGS = Cypher.of("""
            UNWIND $rows AS row
            MATCH (f:${Finding} {id: row.key})
            DETACH DELETE f
            """);

    public void deleteFindings(SimpleQueryRunner tx, List<Map<String, Object>> rows) {
        run(tx, DELETE_FINDINGS, rows);
    }

    private static void run(SimpleQueryRunner tx, String cypher, List<Map<String, Object>> rows) {
        if (!rows.isEmpty()) {
            tx.run(cypher, Map.of("rows", rows)).consume();
        }
    }
}
