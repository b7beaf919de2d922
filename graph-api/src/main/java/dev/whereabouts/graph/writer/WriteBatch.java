package dev.whereabouts.graph.writer;

import dev.whereabouts.graph.findings.FindingRepository;
import dev.whereabouts.graph.holder.HolderRepository;
import dev.whereabouts.graph.lookup.SubjectRepository;
import dev.whereabouts.graph.request.RequestRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.SimpleQueryRunner;

/**
 * The graph changes of one poll, reduced to the last change per key (what compaction would keep),
 * grouped per kind and written in one transaction in a fixed order: catalog, identities, merges,
 * lineage, requests, findings. Merges precede lineage, but the outcome does not depend on it: the
 * merge statement also drops edges written before it.
 */
public final class WriteBatch {

    private final Map<RecordKind, Map<String, GraphChange>> latest = new EnumMap<>(RecordKind.class);
    private int changes;
    private final List<Map<String, Object>> summaries = new ArrayList<>();
    private final Map<String, Long> appliedUpTo = new LinkedHashMap<>();

    /** Adds a change; a later change of the same key replaces an earlier one of this batch. */
    public void add(GraphChange change) {
        latest.computeIfAbsent(change.kind(), k -> new LinkedHashMap<>()).remove(change.key());
        latest.get(change.kind()).put(change.key(), change);
        changes++;
    }

    /**
     * Notes that a record of {@code topic}-{@code partition} with this timestamp is part of the batch, so
     * the transaction also records how fresh the graph is ({@link AppliedProgress}).
     */
    public void applied(String topic, int partition, long recordTimestamp) {
        appliedUpTo.merge(topic + "-" + partition, recordTimestamp, Math::max);
    }

    /** Changes added, before reduction. */
    public int size() {
        return changes;
    }

    /** Rows that will be written, after reduction. */
    public int rows() {
        return latest.values().stream().mapToInt(Map::size).sum();
    }

    public boolean isEmpty() {
        return changes == 0;
    }

    /** The changes that survive reduction, in write order. */
    public List<GraphChange> effectiveChanges() {
        List<GraphChange> all = new ArrayList<>();
        for (RecordKind kind : RecordKind.values()) {
            all.addAll(latest.getOrDefault(kind, Map.of()).values());
        }
        return all;
    }

    /** Writes every change with the repositories inside {@code tx}. */
    public void writeTo(SimpleQueryRunner tx, Repositories repositories) {
        repositories.holders().upsertHolders(tx, upserts(RecordKind.HOLDER));
        repositories.holders().undeclareHolders(tx, deletes(RecordKind.HOLDER));
        repositories.holders().upsertFlows(tx, upserts(RecordKind.FLOW));
        repositories.holders().deleteFlows(tx, deletes(RecordKind.FLOW));
        repositories.subjects().upsertIdentities(tx, upserts(RecordKind.IDENTITY));
        repositories.subjects().deleteIdentities(tx, deletes(RecordKind.IDENTITY));
        repositories.subjects().applyMerges(tx, upserts(RecordKind.MERGE));
        List<Map<String, Object>> lineage = bySubject(upserts(RecordKind.LINEAGE));
        repositories.subjects().upsertLineage(tx, lineage);
        repositories.subjects().deleteLineage(tx, lineageDeletes());
        // Only summary rows this writer has not committed before (they only grow).
        summaries.clear();
        List<Map<String, Object>> pairs = repositories.observed().unknown(observedPairs(lineage));
        List<Map<String, Object>> hops = repositories.observed().unknown(observedHops(lineage));
        repositories.subjects().markObserved(tx, pairs);
        repositories.subjects().markObservedFlows(tx, hops);
        summaries.addAll(pairs);
        summaries.addAll(hops);
        repositories.requests().upsertStatus(tx, upserts(RecordKind.STATUS));
        repositories.requests().deleteStatus(tx, deletes(RecordKind.STATUS));
        repositories.findings().upsertFindings(tx, upserts(RecordKind.FINDING));
        repositories.findings().deleteFindings(tx, deletes(RecordKind.FINDING));
        AppliedProgress.record(tx, appliedUpTo);
    }

    /** Tells the repositories that the transaction of {@link #writeTo} committed. */
    public void committed(Repositories repositories) {
        repositories.observed().committed(summaries);
    }

    private List<Map<String, Object>> upserts(RecordKind kind) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GraphChange change : latest.getOrDefault(kind, Map.of()).values()) {
            if (!change.isDelete()) {
                rows.add(change.row());
            }
        }
        return rows;
    }

    /**
     * Lineage rows ordered by subject: a subject's edges are then created one after the other, as
     * the plain batched MERGE does, instead of every row touching (locking, dirtying) another node.
     */
    static List<Map<String, Object>> bySubject(List<Map<String, Object>> rows) {
        List<Map<String, Object>> sorted = new ArrayList<>(rows);
        sorted.sort(java.util.Comparator.comparing(row -> (String) row.get("subjectId")));
        return sorted;
    }

    private List<Map<String, Object>> deletes(RecordKind kind) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GraphChange change : latest.getOrDefault(kind, Map.of()).values()) {
            if (change.isDelete()) {
                rows.add(Map.of("key", change.key()));
            }
        }
        return rows;
    }

    private List<Map<String, Object>> lineageDeletes() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GraphChange change :
                latest.getOrDefault(RecordKind.LINEAGE, Map.of()).values()) {
            if (change.isDelete()) {
                String[] parts = change.key().split("\u0000", -1);
                rows.add(Map.of("subjectId", parts[0], "category", parts[1], "holder", parts[2]));
            }
        }
        return rows;
    }

    static List<Map<String, Object>> observedPairs(List<Map<String, Object>> lineage) {
        Set<List<String>> pairs = new LinkedHashSet<>();
        for (Map<String, Object> row : lineage) {
            pairs.add(List.of((String) row.get("holder"), (String) row.get("category")));
        }
        return pairs.stream()
                .<Map<String, Object>>map(p -> Map.of("holder", p.get(0), "category", p.get(1)))
                .toList();
    }

    /** The hop into each onward holder: the last holder of its path before itself. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> observedHops(List<Map<String, Object>> lineage) {
        Set<List<String>> hops = new LinkedHashSet<>();
        for (Map<String, Object> row : lineage) {
            List<String> path = (List<String>) row.get("path");
            String holder = (String) row.get("holder");
            if (Boolean.TRUE.equals(row.get("direct")) || path == null || path.isEmpty()) {
                continue;
            }
            int last = path.size() - 1;
            // The contract leaves open whether the path ends with the holder itself; accept both.
            if (path.get(last).equals(holder)) {
                last--;
            }
            if (last >= 0) {
                hops.add(List.of(path.get(last), holder));
            }
        }
        return hops.stream()
                .<Map<String, Object>>map(h -> Map.of("from", h.get(0), "to", h.get(1)))
                .toList();
    }

    /**
     * The aggregates' repositories the batch dispatches to, and the writer's record of the summary
     * rows it has committed.
     */
    public record Repositories(
            HolderRepository holders,
            SubjectRepository subjects,
            RequestRepository requests,
            FindingRepository findings,
            ObservedSummaries observed) {

        public static Repositories create(Clock clock) {
            return new Repositories(
                    new HolderRepository(),
                    new SubjectRepository(),
                    new RequestRepository(clock),
                    new FindingRepository(),
                    new ObservedSummaries());
        }
    }
}
