package dev.whereabouts.streams.retention;

import dev.whereabouts.model.lineage.LineageStatus;
import dev.whereabouts.model.retention.FindingKind;
import dev.whereabouts.model.retention.RetentionFinding;
import dev.whereabouts.model.time.IsoPeriod;
import dev.whereabouts.streams.lineage.Edges;
import dev.whereabouts.streams.state.Edge;
import java.time.Instant;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A time index of when held edges fall due, so the retention punctuator reads only what is due
 * (a range scan up to now, in bounded slices) and never the whole lineage state.
 *
 * <p>Keys are {@code <due millis, 13 digits>/<kind>/<subject>/<holder>/<category>}; RocksDB keeps
 * them in due order. The index is lazy: when a share moves an edge's due time later, the old
 * entry stays; when it fires, the punctuator sees the edge's actual due time and re-files it. So
 * a repeated share costs no index write; only a new edge, or a due time moving earlier, writes one.
 *
 * <p>Two rules are checked: {@link FindingKind#RETENTION_EXPIRED} at {@code retentionUntil}, and
 * for backup edges {@link FindingKind#BACKUP_PROMISE_EXCEEDED} at the last share plus the backup
 * promise (the privacy statement's "at most 1 year in backups").
 */
public final class RetentionIndex {

    /** Store name of the index. */
    public static final String STORE = "retention-index";

    /** The smallest possible key. */
    public static final String FIRST = "0000000000000";

    private RetentionIndex() {}

    /** An index entry, parsed. */
    public record Entry(long due, FindingKind kind, String subjectId, String holder, String category) {}

    public static String key(long due, FindingKind kind, String subjectId, String holder, String category) {
        return String.format("%013d/%s/%s/%s/%s", due, kind.name(), subjectId, holder, category);
    }

    /** The largest key due at or before {@code now}. */
    public static String upTo(long now) {
        return String.format("%013d/~", now);
    }

    public static Entry parse(String key) {
        String[] parts = key.split("/", 5);
        return new Entry(Long.parseLong(parts[0]), FindingKind.valueOf(parts[1]), parts[2], parts[3], parts[4]);
    }

    /** When the edge falls due under a rule; null when the rule does not apply. */
    public static Long due(Edge edge, FindingKind kind, String backupPromise) {
        if (!LineageStatus.HELD.name().equals(edge.getStatus())) {
            return null;
        }
        boolean applies = kind == FindingKind.RETENTION_EXPIRED ? edge.getRetention() != null : edge.getBackup();
        return applies ? dueWhenHeld(edge, kind, backupPromise) : null;
    }

    /** When the edge fell or falls due under a rule that applies to it, whatever its status now. */
    public static long dueWhenHeld(Edge edge, FindingKind kind, String backupPromise) {
        // From the end of the last share's day: the state keeps the day's first share (Edges.Stored).
        long lastShareDay = Edges.endOfDay(edge.getLastSharedAt());
        return IsoPeriod.parse(
                        kind == FindingKind.RETENTION_EXPIRED && edge.getRetention() != null
                                ? edge.getRetention()
                                : backupPromise)
                .addTo(lastShareDay);
    }

    /** Files the edge under each rule whose due time is new or earlier than the one filed. */
    public static void schedule(
            KeyValueStore<String, String> index, String subjectId, String holder, Edge edge, String backupPromise) {
        Long retentionDue = due(edge, FindingKind.RETENTION_EXPIRED, backupPromise);
        if (retentionDue != null
                && (edge.getRetentionIndexedAt() == null || retentionDue < edge.getRetentionIndexedAt())) {
            index.put(key(retentionDue, FindingKind.RETENTION_EXPIRED, subjectId, holder, edge.getCategory()), "");
            edge.setRetentionIndexedAt(retentionDue);
        }
        Long backupDue = due(edge, FindingKind.BACKUP_PROMISE_EXCEEDED, backupPromise);
        if (backupDue != null && (edge.getBackupIndexedAt() == null || backupDue < edge.getBackupIndexedAt())) {
            index.put(key(backupDue, FindingKind.BACKUP_PROMISE_EXCEEDED, subjectId, holder, edge.getCategory()), "");
            edge.setBackupIndexedAt(backupDue);
        }
    }

    /** The due time the edge is filed under for a rule. */
    public static Long indexedAt(Edge edge, FindingKind kind) {
        return kind == FindingKind.RETENTION_EXPIRED ? edge.getRetentionIndexedAt() : edge.getBackupIndexedAt();
    }

    public static void setIndexedAt(Edge edge, FindingKind kind, Long at) {
        if (kind == FindingKind.RETENTION_EXPIRED) {
            edge.setRetentionIndexedAt(at);
        } else {
            edge.setBackupIndexedAt(at);
        }
    }

    /** Deterministic finding id: subject, category, holder and kind. */
    public static String findingId(String subjectId, String category, String holder, FindingKind kind) {
        return subjectId + "/" + category + "/" + holder + "/" + kind.name();
    }

    /** The finding for an edge under a rule. */
    public static RetentionFinding finding(
            String subjectId,
            String holder,
            Edge edge,
            FindingKind kind,
            long due,
            long detectedAt,
            boolean resolved,
            String backupPromise) {
        String rule = kind == FindingKind.RETENTION_EXPIRED
                ? holder + " keeps " + edge.getCategory() + " " + edge.getRetention() + " after the last share ("
                        + edge.getRetentionSource() + ")"
                : "backups keep data at most " + backupPromise + " after the last share (privacy statement)";
        return RetentionFinding.newBuilder()
                .setFindingId(findingId(subjectId, edge.getCategory(), holder, kind))
                .setSubjectId(subjectId)
                .setCategory(edge.getCategory())
                .setHolder(holder)
                .setKind(kind)
                .setLastSharedAt(Instant.ofEpochMilli(edge.getLastSharedAt()))
                .setDueAt(Instant.ofEpochMilli(due))
                .setDetectedAt(Instant.ofEpochMilli(detectedAt))
                .setResolved(resolved)
                .setRule(rule)
                .build();
    }
}
