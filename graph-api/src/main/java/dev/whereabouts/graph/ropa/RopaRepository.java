package dev.whereabouts.graph.ropa;

import dev.whereabouts.graph.api.Pagination;
import dev.whereabouts.graph.schema.Cypher;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.graph.schema.GraphValues;
import dev.whereabouts.graph.schema.LegalHolds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Record;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.Value;

/** Reads the catalog and the observed-lineage summary into {@link RopaEntry} rows, one per holder. */
public final class RopaRepository {

    private static final String PAGE = Cypher.of("""
            MATCH (h:${Holder}) WHERE $after IS NULL OR h.id > $after
            WITH h ORDER BY h.id LIMIT $limit
            OPTIONAL MATCH (h)-[d:${DECLARES}]->(c:${Category})
            WITH h, collect({category: c.key, retention: d.retention, note: d.note}) AS declares
            OPTIONAL MATCH (h)-[:${OBSERVED}]->(o:${Category})
            WITH h, declares, collect(o.key) AS observed
            OPTIONAL MATCH (f:${Flow})-[:${FROM}]->(h)
            RETURN h, declares, observed, collect(f {.*}) AS flows
            ORDER BY h.id
            """);

    /** Entries by holder id, after {@code after}. */
    public List<RopaEntry> page(SimpleQueryRunner tx, Optional<String> after, int limit) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("after", after.orElse(null));
        parameters.put("limit", limit);
        return tx.run(PAGE, parameters).list(RopaRepository::entry);
    }

    /**
     * The whole ROPA, for the file exports: read in pages of {@link Pagination#MAX_LIMIT}, each in
     * its own read, so no single query returns everything at once.
     */
    public List<RopaEntry> all(GraphTransactions graph) {
        List<RopaEntry> all = new ArrayList<>();
        Optional<String> after = Optional.empty();
        while (true) {
            Optional<String> from = after;
            List<RopaEntry> page = graph.read(tx -> page(tx, from, Pagination.MAX_LIMIT));
            all.addAll(page);
            if (page.size() < Pagination.MAX_LIMIT) {
                return all;
            }
            after = Optional.of(page.get(page.size() - 1).holder());
        }
    }

    private static RopaEntry entry(Record record) {
        Value h = record.get("h");
        List<Value> declares = record.get("declares").asList(v -> v).stream()
                .filter(v -> !v.get("category").isNull())
                .sorted(Comparator.comparing(v -> v.get("category").asString()))
                .toList();
        List<String> retention = declares.stream()
                .filter(v -> !v.get("retention").isNull() || !v.get("note").isNull())
                .map(v -> v.get("category").asString() + ": "
                        + (v.get("retention").isNull()
                                ? "not fixed"
                                : v.get("retention").asString())
                        + (v.get("note").isNull() ? "" : " (" + v.get("note").asString() + ")"))
                .toList();
        List<String> holds = GraphValues.strings(h.get("legalHolds")).stream()
                .map(LegalHolds::decode)
                .map(hold -> String.join(", ", hold.categories()) + " kept " + hold.period() + ": " + hold.reason()
                        + " (" + hold.legalReference() + ")")
                .toList();
        List<String> onward = record.get("flows").asList(v -> v).stream()
                .map(f -> f.get("to").asString() + " (" + String.join(", ", GraphValues.strings(f.get("categories")))
                        + (f.get("retention").isNull()
                                ? ""
                                : ", kept " + f.get("retention").asString()) + ")")
                .sorted()
                .toList();
        String country = h.get("country").asString(null);
        return new RopaEntry(
                h.get("id").asString(),
                h.get("displayName").asString(null),
                h.get("legalEntity").asString(null),
                country,
                RopaEntry.outsideEea(country),
                h.get("role").asString(null),
                h.get("declared").asBoolean(false),
                GraphValues.sortedStrings(h.get("purposes")),
                declares.stream().map(v -> v.get("category").asString()).toList(),
                GraphValues.sortedStrings(record.get("observed")),
                retention,
                holds,
                onward,
                h.get("erasureChannel").asString(null));
    }
}
