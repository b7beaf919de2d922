package dev.whereabouts.streams.lineage;

import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.lineage.LineageRecord;
import dev.whereabouts.model.lineage.LineageStatus;
import dev.whereabouts.model.time.IsoPeriod;
import dev.whereabouts.streams.state.Edge;
import dev.whereabouts.streams.state.HolderEdges;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Edge arithmetic and the emission rule.
 *
 * <p><b>When a lineage record is emitted.</b> A record for (subject, category, holder) is emitted
 * when the edge is new, or when its <em>answer</em> changed: status or status reason, direct or
 * onward, the path, purposes, legal bases, source systems, the effective retention period, backup
 * flag or first-shared time; or when the UTC calendar day of its last share moved past the day of
 * the last emitted record. A share that only moves {@code lastSharedAt} (and with it
 * {@code retentionUntil}, by the same amount) within the same UTC day emits nothing: downstream
 * last-shared and retention-until times are exact to the day, while the state keeps them exact to
 * the millisecond for retention findings. So a service sending the same mail address to Postmark a
 * hundred times a day costs the graph one write per day at most.
 */
public final class Edges {

    private static final long DAY = 86_400_000L;

    private Edges() {}

    /** The edge of a category in a bucket, or null. */
    public static Edge find(HolderEdges bucket, String category) {
        for (Edge edge : bucket.getEdges()) {
            if (edge.getCategory().equals(category)) {
                return edge;
            }
        }
        return null;
    }

    /**
     * What of an edge must be kept in the state store: everything but the exact time of the last share
     * within its UTC day (and what follows from it: retention-until, the updating event). A share that
     * changes none of this is not written, so a holder receiving the same data all day costs one state
     * write a day, like the lineage records it feeds. Within that day the stored last share is the
     * day's first; retention findings therefore fall due from the end of that day ({@link #endOfDay}),
     * never early. Lists are compared by content; edges replace their lists rather than mutate them.
     */
    public record Stored(
            String status,
            String statusReason,
            long statusAt,
            boolean direct,
            List<String> path,
            List<String> purposes,
            List<String> legalBases,
            List<String> sourceSystems,
            long firstSharedAt,
            long lastSharedDay,
            String retention,
            String retentionSource,
            boolean backup,
            int emittedDigest,
            long emittedDay,
            Long retentionIndexedAt,
            Long backupIndexedAt,
            List<String> openFindings) {}

    /** The stored part of an edge, to tell whether an event changed it. */
    public static Stored stored(Edge edge) {
        return new Stored(
                edge.getStatus(),
                edge.getStatusReason(),
                edge.getStatusAt(),
                edge.getDirect(),
                edge.getPath(),
                edge.getPurposes(),
                edge.getLegalBases(),
                edge.getSourceSystems(),
                edge.getFirstSharedAt(),
                Math.floorDiv(edge.getLastSharedAt(), DAY),
                edge.getRetention(),
                edge.getRetentionSource(),
                edge.getBackup(),
                edge.getEmittedDigest(),
                edge.getEmittedDay(),
                edge.getRetentionIndexedAt(),
                edge.getBackupIndexedAt(),
                edge.getOpenFindings());
    }

    /** The last millisecond of the UTC day of {@code millis}. */
    public static long endOfDay(long millis) {
        return (Math.floorDiv(millis, DAY) + 1) * DAY - 1;
    }

    /** A fresh edge, HELD, with nothing emitted yet. */
    public static Edge fresh(String category, boolean direct, List<String> path, long at, String eventId) {
        return Edge.newBuilder()
                .setCategory(category)
                .setDirect(direct)
                .setPath(direct ? List.of() : path)
                .setPurposes(new ArrayList<>())
                .setLegalBases(new ArrayList<>())
                .setSourceSystems(new ArrayList<>())
                .setFirstSharedAt(at)
                .setLastSharedAt(at)
                .setStatus(LineageStatus.HELD.name())
                .setStatusAt(at)
                .setUpdatedAt(at)
                .setLastEventId(eventId)
                .build();
    }

    /** A sorted copy of the list with the value added, or null when it is already there. */
    public static List<String> withAdded(List<String> list, String value) {
        if (value == null || list.contains(value)) {
            return null;
        }
        TreeSet<String> sorted = new TreeSet<>(list);
        sorted.add(value);
        return new ArrayList<>(sorted);
    }

    public static boolean addPurpose(Edge edge, String purpose) {
        List<String> added = withAdded(edge.getPurposes(), purpose);
        if (added != null) {
            edge.setPurposes(added);
        }
        return added != null;
    }

    public static boolean addLegalBasis(Edge edge, String basis) {
        List<String> added = withAdded(edge.getLegalBases(), basis);
        if (added != null) {
            edge.setLegalBases(added);
        }
        return added != null;
    }

    public static boolean addSourceSystem(Edge edge, String source) {
        List<String> added = withAdded(edge.getSourceSystems(), source);
        if (added != null) {
            edge.setSourceSystems(added);
        }
        return added != null;
    }

    public static boolean addOpenFinding(Edge edge, String kind) {
        List<String> added = withAdded(edge.getOpenFindings(), kind);
        if (added != null) {
            edge.setOpenFindings(added);
        }
        return added != null;
    }

    /** Union of two sorted lists. */
    public static List<String> union(Collection<String> a, Collection<String> b) {
        TreeSet<String> sorted = new TreeSet<>(a);
        sorted.addAll(b);
        return new ArrayList<>(sorted);
    }

    /** Sets the retention period and recomputes retention-until from the last share. */
    public static void retention(Edge edge, String period, String source) {
        edge.setRetention(period);
        edge.setRetentionSource(period == null ? null : source);
        edge.setRetentionUntil(period == null ? null : IsoPeriod.parse(period).addTo(edge.getLastSharedAt()));
    }

    /** Digest of the answer fields; never 0, which means "nothing emitted yet". */
    public static int digest(Edge edge) {
        int hash = Objects.hash(
                edge.getStatus(),
                edge.getStatusReason(),
                edge.getDirect(),
                edge.getDirect() ? List.of() : edge.getPath(),
                edge.getPurposes(),
                edge.getLegalBases(),
                edge.getSourceSystems(),
                edge.getRetention(),
                edge.getBackup(),
                edge.getFirstSharedAt());
        return hash == 0 ? 1 : hash;
    }

    /**
     * Applies the emission rule: true (and the edge remembers what was emitted) when a lineage
     * record must go out for this edge.
     */
    public static boolean markEmitted(Edge edge) {
        int digest = digest(edge);
        long day = Math.floorDiv(edge.getLastSharedAt(), DAY);
        if (digest == edge.getEmittedDigest() && day == edge.getEmittedDay()) {
            return false;
        }
        edge.setEmittedDigest(digest);
        edge.setEmittedDay(day);
        return true;
    }

    /** Forgets what was emitted, so the edge goes out again (after a merge re-keys it). */
    public static void forgetEmitted(Edge edge) {
        edge.setEmittedDigest(0);
        edge.setEmittedDay(-1L);
    }

    /** The contract's view of an edge. */
    public static LineageRecord toRecord(String subjectId, String holder, Edge edge) {
        List<LegalBasis> bases = new ArrayList<>(edge.getLegalBases().size());
        for (String basis : edge.getLegalBases()) {
            try {
                bases.add(LegalBasis.valueOf(basis));
            } catch (IllegalArgumentException e) {
                bases.add(LegalBasis.UNSPECIFIED);
            }
        }
        return LineageRecord.newBuilder()
                .setSubjectId(subjectId)
                .setCategory(edge.getCategory())
                .setHolder(holder)
                .setDirect(edge.getDirect())
                .setPath(edge.getDirect() ? List.of() : edge.getPath())
                .setPurposes(edge.getPurposes())
                .setLegalBases(bases)
                .setSourceSystems(edge.getSourceSystems())
                .setFirstSharedAt(Instant.ofEpochMilli(edge.getFirstSharedAt()))
                .setLastSharedAt(Instant.ofEpochMilli(edge.getLastSharedAt()))
                .setRetentionUntil(
                        edge.getRetentionUntil() == null ? null : Instant.ofEpochMilli(edge.getRetentionUntil()))
                .setStatus(LineageStatus.valueOf(edge.getStatus()))
                .setStatusReason(edge.getStatusReason())
                .setUpdatedAt(Instant.ofEpochMilli(edge.getUpdatedAt()))
                .setLastEventId(edge.getLastEventId())
                .build();
    }

    /**
     * Combines the edge of a merged subject into the survivor's edge of the same category and
     * holder: union of what was shared, the earliest first share, the latest last share (with its
     * retention) and the latest status change.
     */
    public static Edge combine(Edge into, Edge from) {
        Edge out = Edge.newBuilder(into).build();
        boolean fromIsLater = from.getLastSharedAt() > into.getLastSharedAt();
        out.setDirect(into.getDirect() || from.getDirect());
        if (!out.getDirect()
                && (into.getPath().isEmpty()
                        || (!from.getPath().isEmpty()
                                && from.getPath().size() < into.getPath().size()))) {
            out.setPath(from.getPath());
        }
        out.setPurposes(union(into.getPurposes(), from.getPurposes()));
        out.setLegalBases(union(into.getLegalBases(), from.getLegalBases()));
        out.setSourceSystems(union(into.getSourceSystems(), from.getSourceSystems()));
        out.setFirstSharedAt(Math.min(into.getFirstSharedAt(), from.getFirstSharedAt()));
        out.setLastSharedAt(Math.max(into.getLastSharedAt(), from.getLastSharedAt()));
        if (fromIsLater) {
            out.setRetention(from.getRetention());
            out.setRetentionSource(from.getRetentionSource());
            out.setRetentionUntil(from.getRetentionUntil());
        }
        out.setBackup(into.getBackup() || from.getBackup());
        if (from.getStatusAt() > into.getStatusAt()) {
            out.setStatus(from.getStatus());
            out.setStatusReason(from.getStatusReason());
            out.setStatusAt(from.getStatusAt());
        }
        if (from.getUpdatedAt() > into.getUpdatedAt()) {
            out.setUpdatedAt(from.getUpdatedAt());
            out.setLastEventId(from.getLastEventId());
        }
        out.setOpenFindings(union(into.getOpenFindings(), from.getOpenFindings()));
        return out;
    }
}
