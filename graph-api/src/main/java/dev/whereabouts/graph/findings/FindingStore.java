package dev.whereabouts.graph.findings;

import dev.whereabouts.graph.schema.Cypher;
import dev.whereabouts.graph.schema.GraphValues;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.neo4j.driver.SimpleQueryRunner;

/**
 * Reads the catalog and the observed-lineage summary ({@code OBSERVED}, {@code OBSERVED_FLOW}, kept
 * by the writer) for the drift report. These are per-holder aggregates, so the report never scans
 * the millions of lineage edges.
 */
public final class FindingStore {

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
}
