package dev.whereabouts.streams.catalog;

import dev.whereabouts.model.catalog.Backups;
import dev.whereabouts.model.catalog.CategoryRetention;
import dev.whereabouts.model.catalog.DeclaredFlow;
import dev.whereabouts.model.catalog.Holder;
import dev.whereabouts.model.catalog.LegalHold;
import dev.whereabouts.model.time.IsoPeriod;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable snapshot of the catalog (holders and declared flows) with the lookups the
 * topology makes per record precomputed or memoised: default retention per holder and category,
 * legal holds, backup holders and the onward holders a share reaches through declared flows.
 *
 * <p>Built from the Avro records of the topology's global stores, not from the catalog module's
 * {@code dev.whereabouts.catalog.Catalog}: the topology needs the path each onward share took and
 * memoises per (holder, categories), which that general-purpose view does not answer.
 */
public final class TopologyCatalog {

    /** One onward holder reached from a direct share, with the path and the last flow taken. */
    public record Onward(String holder, String category, List<String> path, DeclaredFlow flow) {}

    /** A default retention and where it came from. */
    public record Retention(String period, String source) {}

    public static final TopologyCatalog EMPTY = new TopologyCatalog(Map.of(), List.of());

    private final Map<String, Holder> holders;
    private final Map<String, List<DeclaredFlow>> flowsFrom;
    private final Map<String, Optional<Retention>> retentionMemo = new ConcurrentHashMap<>();
    private final Map<String, List<Onward>> onwardMemo = new ConcurrentHashMap<>();

    public TopologyCatalog(Map<String, Holder> holders, Collection<DeclaredFlow> flows) {
        this.holders = Map.copyOf(holders);
        Map<String, List<DeclaredFlow>> from = new HashMap<>();
        // Sorted by id so that, of two equally short paths, the same one is chosen on every instance.
        flows.stream()
                .sorted((a, b) -> a.getId().compareTo(b.getId()))
                .forEach(f -> from.computeIfAbsent(f.getFrom(), k -> new ArrayList<>())
                        .add(f));
        this.flowsFrom = Map.copyOf(from);
    }

    public Optional<Holder> holder(String id) {
        return Optional.ofNullable(holders.get(id));
    }

    public boolean knows(String holderId) {
        return holders.containsKey(holderId);
    }

    public boolean isEmpty() {
        return holders.isEmpty();
    }

    /** The catalog's default retention for a category at a holder: the most specific entry covering it. */
    public Optional<Retention> defaultRetention(String holderId, String category) {
        return retentionMemo.computeIfAbsent(holderId + '\u0000' + category, k -> {
            Holder holder = holders.get(holderId);
            if (holder == null) {
                return Optional.empty();
            }
            String best = null;
            int bestLength = -1;
            for (CategoryRetention retention : holder.getRetention()) {
                if (retention.getRetention() == null || !IsoPeriod.isValid(retention.getRetention())) {
                    continue;
                }
                for (String key : retention.getCategories()) {
                    if (Categories.covers(key, category) && key.length() > bestLength) {
                        best = retention.getRetention();
                        bestLength = key.length();
                    }
                }
            }
            return Optional.ofNullable(best).map(p -> new Retention(p, "catalog default of " + holderId));
        });
    }

    /** Legal holds of a holder that cover any of the categories. */
    public List<LegalHold> legalHolds(String holderId, Collection<String> categories) {
        Holder holder = holders.get(holderId);
        if (holder == null) {
            return List.of();
        }
        List<LegalHold> out = new ArrayList<>();
        for (LegalHold hold : holder.getLegalHolds()) {
            if (Categories.overlap(hold.getCategories(), categories)) {
                out.add(hold);
            }
        }
        return out;
    }

    /**
     * True when the holder keeps data as a backup: one of its catalog purposes names backups. Such
     * holders are checked against the privacy statement's 1-year backup promise.
     */
    public boolean isBackupHolder(String holderId) {
        Holder holder = holders.get(holderId);
        return holder != null && Backups.isBackupHolder(holder.getPurposes());
    }

    /** True when a flow's purpose names backups. */
    public static boolean isBackupFlow(DeclaredFlow flow) {
        return Backups.isBackupPurpose(flow.getPurpose());
    }

    /**
     * Every onward holder that data of these categories shared with {@code holderId} reaches through
     * declared flows, transitively, breadth first (so each holder and category gets its shortest
     * path), never visiting a holder twice on one path (declared cycles are harmless).
     */
    public List<Onward> onward(String holderId, Collection<String> categories) {
        String memoKey = holderId + '\u0000' + String.join(",", new TreeSet<>(categories));
        return onwardMemo.computeIfAbsent(memoKey, k -> computeOnward(holderId, categories));
    }

    private List<Onward> computeOnward(String start, Collection<String> categories) {
        record Step(String holder, Set<String> categories, List<String> path) {}
        List<Onward> out = new ArrayList<>();
        Set<String> reached = new HashSet<>();
        for (String category : categories) {
            reached.add(start + '\u0000' + category);
        }
        Deque<Step> queue = new ArrayDeque<>();
        queue.add(new Step(start, new java.util.LinkedHashSet<>(categories), List.of(start)));
        while (!queue.isEmpty()) {
            Step step = queue.poll();
            for (DeclaredFlow flow : flowsFrom.getOrDefault(step.holder(), List.of())) {
                if (step.path().contains(flow.getTo())) {
                    continue;
                }
                Set<String> carried = Categories.intersect(flow.getCategories(), step.categories());
                Set<String> fresh = new java.util.LinkedHashSet<>();
                List<String> path = new ArrayList<>(step.path());
                path.add(flow.getTo());
                for (String category : carried) {
                    if (reached.add(flow.getTo() + '\u0000' + category)) {
                        fresh.add(category);
                        out.add(new Onward(flow.getTo(), category, List.copyOf(path), flow));
                    }
                }
                if (!fresh.isEmpty()) {
                    queue.add(new Step(flow.getTo(), fresh, List.copyOf(path)));
                }
            }
        }
        return List.copyOf(out);
    }
}
