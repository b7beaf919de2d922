package dev.whereabouts.graph.writer;

import dev.whereabouts.graph.schema.Cypher;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.SimpleQueryRunner;

/**
 * Writes of the catalog aggregate: holders with their declared categories and retention, and
 * declared onward flows. A holder removed from the catalog keeps its node (lineage may still point at
 * it) but loses its declarations and is marked {@code declared = false}.
 */
public final class CatalogRepository {

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

    public void upsertHolders(SimpleQueryRunner tx, List<Map<String, Object>> rows) {
        run(tx, UPSERT_HOLDERS, rows);
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
        run(tx, UNDECLARE_HOLDERS, rows);
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

    public void upsertFlows(SimpleQueryRunner tx, List<Map<String, Object>> rows) {
        run(tx, UPSERT_FLOWS, rows);
    }

    private static final String DELETE_FLOWS = Cypher.of("""
            UNWIND $rows AS row
            MATCH (f:${Flow} {id: row.key})
            DETACH DELETE f
            """);

    public void deleteFlows(SimpleQueryRunner tx, List<Map<String, Object>> rows) {
        run(tx, DELETE_FLOWS, rows);
    }

    private static void run(SimpleQueryRunner tx, String cypher, List<Map<String, Object>> rows) {
        if (!rows.isEmpty()) {
            tx.run(cypher, Map.of("rows", rows)).consume();
        }
    }
}
