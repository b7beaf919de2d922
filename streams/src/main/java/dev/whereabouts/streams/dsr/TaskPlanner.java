package dev.whereabouts.streams.dsr;

import dev.whereabouts.model.catalog.Holder;
import dev.whereabouts.model.catalog.LegalHold;
import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.TaskType;
import dev.whereabouts.model.lineage.LineageStatus;
import dev.whereabouts.model.time.IsoPeriod;
import dev.whereabouts.streams.catalog.Categories;
import dev.whereabouts.streams.catalog.TopologyCatalog;
import dev.whereabouts.streams.lineage.Edges;
import dev.whereabouts.streams.state.Edge;
import dev.whereabouts.streams.state.HolderEdges;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a request and a subject's lineage into one task per holder that still has data of the
 * requested categories (direct and onward holders alike):
 *
 * <ul>
 *   <li>ERASURE: ERASE; RESTRICT instead when a legal hold of the holder covers any of the
 *       categories and is still running (last share plus the hold's period is after receipt),
 *       with the hold's reason and "GDPR Art. 17(3)(b)" plus the national law as legal reference;</li>
 *   <li>ACCESS, PORTABILITY: EXPORT;</li>
 *   <li>RESTRICTION: RESTRICT (Art. 18); OBJECTION: RESTRICT, "objection, Art. 21".</li>
 * </ul>
 *
 * <p>ERASURE of a holder whose catalog entry says its copies expire by themselves (backups, caches,
 * request logs: {@code selfExpiring}) is an EXPIRES task with the date the copy is gone, when that
 * date is known and falls no later than the holder's {@code expiryGrace} after the deadline in
 * force; otherwise it is an ERASE task like any other (docs/requests.md, "Expiry instead of
 * erasure"). A legal hold still comes first.
 *
 * <p>RECTIFICATION: RECTIFY to every holder of the corrected categories, direct and onward (Art. 19).
 *
 * Data counts as still there when its edge is HELD or RESTRICTED. A non-empty request scope limits
 * the categories (a parent key covers its children).
 */
public final class TaskPlanner {

    /**
     * One holder's task as planned.
     *
     * @param expiresAt EXPIRES tasks: when the holder's copy is gone by itself, epoch millis; else null
     */
    public record Planned(
            String holder,
            TaskType type,
            List<String> categories,
            String reason,
            String legalReference,
            Long expiresAt) {

        Planned(String holder, TaskType type, List<String> categories, String reason, String legalReference) {
            this(holder, type, categories, reason, legalReference, null);
        }
    }

    private TaskPlanner() {}

    /** Deterministic task id: the same request and holder always give the same task. */
    public static String taskId(String requestId, String holder) {
        return requestId + "/" + holder;
    }

    public static List<Planned> plan(
            DataSubjectRequest request, List<HolderEdges> buckets, TopologyCatalog catalog, String backupPromise) {
        List<Planned> tasks = new ArrayList<>();
        List<HolderEdges> sorted = new ArrayList<>(buckets);
        sorted.sort(Comparator.comparing(HolderEdges::getHolder));
        long receivedAt = request.getReceivedAt().toEpochMilli();
        for (HolderEdges bucket : sorted) {
            List<Edge> present =
                    bucket.getEdges().stream().filter(TaskPlanner::stillThere).toList();
            Set<String> held = new TreeSet<>();
            present.forEach(e -> held.add(e.getCategory()));
            Set<String> categories =
                    request.getScope().isEmpty() ? held : new TreeSet<>(Categories.intersect(request.getScope(), held));
            if (categories.isEmpty()) {
                continue;
            }
            tasks.add(
                    switch (request.getType()) {
                        case ERASURE ->
                            erasure(
                                    bucket.getHolder(),
                                    categories,
                                    present,
                                    receivedAt,
                                    request.getDeadline().toEpochMilli(),
                                    catalog,
                                    backupPromise);
                        case ACCESS, PORTABILITY ->
                            new Planned(bucket.getHolder(), TaskType.EXPORT, List.copyOf(categories), null, null);
                        case RESTRICTION ->
                            new Planned(
                                    bucket.getHolder(),
                                    TaskType.RESTRICT,
                                    List.copyOf(categories),
                                    "restriction of processing requested, Art. 18",
                                    "GDPR Art. 18");
                        case RECTIFICATION ->
                            new Planned(
                                    bucket.getHolder(),
                                    TaskType.RECTIFY,
                                    List.copyOf(categories),
                                    "rectification requested, Art. 16; recipients notified, Art. 19",
                                    "GDPR Art. 16, Art. 19");
                        case OBJECTION ->
                            new Planned(
                                    bucket.getHolder(),
                                    TaskType.RESTRICT,
                                    List.copyOf(categories),
                                    "objection, Art. 21",
                                    "GDPR Art. 21");
                    });
        }
        return tasks;
    }

    private static Planned erasure(
            String holder,
            Set<String> categories,
            List<Edge> present,
            long receivedAt,
            long deadline,
            TopologyCatalog catalog,
            String backupPromise) {
        Set<String> reasons = new LinkedHashSet<>();
        Set<String> references = new LinkedHashSet<>();
        for (LegalHold hold : catalog.legalHolds(holder, categories)) {
            boolean running = present.stream()
                    .filter(e -> Categories.overlap(hold.getCategories(), List.of(e.getCategory())))
                    // The stored last share is exact to the day (Edges.Stored): the hold runs to that day's end.
                    .anyMatch(e -> IsoPeriod.isValid(hold.getPeriod())
                            && IsoPeriod.parse(hold.getPeriod()).addTo(Edges.endOfDay(e.getLastSharedAt()))
                                    > receivedAt);
            if (running) {
                reasons.add(hold.getReason());
                references.add(hold.getLegalReference());
            }
        }
        if (reasons.isEmpty()) {
            Long expiresAt = expiry(holder, categories, present, deadline, catalog, backupPromise);
            if (expiresAt != null) {
                return new Planned(
                        holder,
                        TaskType.EXPIRES,
                        List.copyOf(categories),
                        "the holder's copy expires by itself; nothing to erase",
                        "GDPR Art. 17(1), Art. 12(1): answered with the date the data is gone",
                        expiresAt);
            }
            return new Planned(holder, TaskType.ERASE, List.copyOf(categories), null, null);
        }
        return new Planned(
                holder,
                TaskType.RESTRICT,
                List.copyOf(categories),
                "legal hold: " + String.join("; ", reasons),
                "GDPR Art. 17(3)(b); " + String.join("; ", references));
    }

    /**
     * When a self-expiring holder's copy of these categories is gone by itself: the latest of its
     * edges' ends ({@link #expiry(Edge, long, String)}). Null, so the holder gets an ERASE task, when the holder is not self-expiring,
     * when an edge has no known end, or when the end falls later after the deadline in force than
     * the holder's {@code expiryGrace} allows.
     */
    static Long expiry(
            String holder,
            Set<String> categories,
            List<Edge> present,
            long deadline,
            TopologyCatalog catalog,
            String backupPromise) {
        Holder entry = catalog.holder(holder).orElse(null);
        if (entry == null || !entry.getSelfExpiring()) {
            return null;
        }
        long latest = Long.MIN_VALUE;
        for (Edge edge : present) {
            if (!Categories.overlap(categories, List.of(edge.getCategory()))) {
                continue;
            }
            Long end = expiry(edge, deadline, backupPromise);
            if (end == null) {
                return null;
            }
            latest = Math.max(latest, end);
        }
        if (latest == Long.MIN_VALUE) {
            return null;
        }
        String grace = entry.getExpiryGrace();
        long allowedUntil = grace != null && IsoPeriod.isValid(grace)
                ? IsoPeriod.parse(grace).addTo(deadline)
                : deadline;
        return latest <= allowedUntil ? latest : null;
    }

    /**
     * When one edge's copy is gone. A direct copy: its last share (to the end of that day) plus the
     * backup promise or the edge's retention. An onward copy (a backup or cache fed from a system
     * upstream) keeps being refreshed until the upstream holder erases, which is due by the
     * deadline in force, so it counts from the later of its last share and that deadline: never
     * earlier than the truth.
     */
    private static Long expiry(Edge edge, long deadline, String backupPromise) {
        String period = edge.getBackup() && IsoPeriod.isValid(backupPromise) ? backupPromise : edge.getRetention();
        if (period == null || !IsoPeriod.isValid(period)) {
            return null;
        }
        long from =
                edge.getDirect() ? Edges.endOfDay(edge.getLastSharedAt()) : Math.max(edge.getLastSharedAt(), deadline);
        return IsoPeriod.parse(period).addTo(from);
    }

    private static boolean stillThere(Edge edge) {
        return LineageStatus.HELD.name().equals(edge.getStatus())
                || LineageStatus.RESTRICTED.name().equals(edge.getStatus());
    }
}
