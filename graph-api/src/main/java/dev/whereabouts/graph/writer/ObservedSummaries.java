package dev.whereabouts.graph.writer;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-holder summary rows ({@code OBSERVED} pairs, {@code OBSERVED_FLOW} hops) one writer has
 * already committed. The summaries only grow ("observed at least once"), so a row committed once
 * never needs another {@code MERGE}: after the first polls a batch of new edges writes no summary
 * rows at all instead of re-merging the same few dozen pairs in every transaction. Forgetting is
 * always safe (the row is merged again), so the set is simply cleared when it grows past a bound.
 */
public final class ObservedSummaries {

    /** Holders times categories plus hops; far above any catalog, low enough to bound the memory. */
    private static final int LIMIT = 100_000;

    private final Set<Map<String, Object>> committed = ConcurrentHashMap.newKeySet();

    /** The rows not yet committed by this writer. */
    List<Map<String, Object>> unknown(List<Map<String, Object>> rows) {
        return rows.stream().filter(row -> !committed.contains(row)).toList();
    }

    /** Records rows whose transaction has committed. */
    void committed(Collection<Map<String, Object>> rows) {
        if (committed.size() + rows.size() > LIMIT) {
            committed.clear();
        }
        committed.addAll(rows);
    }
}
