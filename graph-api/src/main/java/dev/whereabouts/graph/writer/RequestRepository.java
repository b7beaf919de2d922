package dev.whereabouts.graph.writer;

import dev.whereabouts.graph.schema.Cypher;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.SimpleQueryRunner;

/**
 * Writes of the request aggregate from the Streams status topic: the request, the subject it
 * concerns and one task per holder. Properties the DPO API sets itself (who filed it, a deadline
 * extension) live under other names and are never overwritten here.
 */
public final class RequestRepository {

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

    public void upsertStatus(SimpleQueryRunner tx, List<Map<String, Object>> rows) {
        run(tx, UPSERT_STATUS, rows);
    }

    private static final String DELETE_STATUS = Cypher.of("""
            UNWIND $rows AS row
            MATCH (q:${Request} {id: row.key})
            OPTIONAL MATCH (q)-[:${HAS_TASK}]->(t:${Task})
            DETACH DELETE t, q
            """);

    public void deleteStatus(SimpleQueryRunner tx, List<Map<String, Object>> rows) {
        run(tx, DELETE_STATUS, rows);
    }

    private static void run(SimpleQueryRunner tx, String cypher, List<Map<String, Object>> rows) {
        if (!rows.isEmpty()) {
            tx.run(cypher, Map.of("rows", rows)).consume();
        }
    }
}
