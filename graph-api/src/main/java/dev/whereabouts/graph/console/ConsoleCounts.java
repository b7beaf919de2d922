package dev.whereabouts.graph.console;

import dev.whereabouts.graph.findings.FindingRepository;
import dev.whereabouts.graph.findings.FindingRepository.FindingGroup;
import dev.whereabouts.graph.holder.HolderDetail;
import dev.whereabouts.graph.holder.HolderRepository;
import dev.whereabouts.graph.schema.Cypher;
import dev.whereabouts.graph.schema.GraphTransactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.neo4j.driver.Record;
import org.neo4j.driver.SimpleQueryRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's counts that grow with the graph: open findings per group (holder, kind, category,
 * rule) and people per category at a holder. While the work is small (at most {@link #liveLimit}
 * findings in the graph, or edges at the holder) they are counted live, in the page's own read, as
 * before; above that they come from the last background count, which {@link Refresher} takes every
 * {@link #EVERY} on a thread of its own (never on a page request's thread), and the page says when
 * that was. Whether the work is small is read from Neo4j's counts (the label's node count, the
 * holder's degree), which cost the same at any size. See docs/console.md, "Performance".
 */
public final class ConsoleCounts {

    /** Above this many findings in the graph, or edges at one holder, pages show the background count. */
    public static final long LIVE_LIMIT = 20_000;

    /** How often the background count runs (it skips the work when the writer applied nothing since). */
    public static final Duration EVERY = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleCounts.class);

    private static final String FINDINGS = Cypher.of("""
            MATCH (f:${Finding}) RETURN count(f) AS findings
            """);

    private static final String HOLDER_EDGES = Cypher.of("""
            MATCH (h:${Holder} {id: $id}) RETURN COUNT { (h)<-[:${SHARED_WITH}]-() } AS edges
            """);

    private static final String LARGE_HOLDERS = Cypher.of("""
            MATCH (h:${Holder})
            WITH h.id AS id, COUNT { (h)<-[:${SHARED_WITH}]-() } AS edges
            WHERE edges > $limit
            RETURN id ORDER BY id
            """);

    // What the writer applied last: any write of lineage or findings moves it (one node per partition).
    private static final String WRITTEN = Cypher.of("""
            MATCH (p:${Progress}) RETURN max(p.appliedAt) AS appliedAt, count(p) AS partitions
            """);

    /**
     * A count as a page shows it.
     *
     * @param value     the count
     * @param countedAt null when counted live in the page's own read; otherwise when the background
     *                  count that produced it started
     * @param checkedAt when the background count last found that nothing had been written since (equal
     *                  to {@code countedAt} until then); null when live
     */
    public record Counted<T>(T value, Instant countedAt, Instant checkedAt) {

        /** A count read now, in the page's own read. */
        public static <T> Counted<T> live(T value) {
            return new Counted<>(value, null, null);
        }

        public boolean isLive() {
            return countedAt == null;
        }

        /** The count's freshness in words, e.g. {@code counted 20 s ago (7 Dec 2026 14:03 UTC)}; null when live. */
        public String words(Instant now) {
            if (isLive()) {
                return null;
            }
            String counted =
                    "counted in the background " + Formats.ago(now, countedAt) + " (" + Formats.moment(countedAt) + ")";
            if (checkedAt.isAfter(countedAt)) {
                counted += "; nothing was written to the graph since (checked " + Formats.ago(now, checkedAt) + ")";
            }
            return counted;
        }
    }

    /**
     * One background count.
     *
     * @param countedAt  when it started
     * @param checkedAt  when it was last found current
     * @param written    what the writer had applied when it started ({@code appliedAt:partitions})
     * @param openGroups every open finding group, the largest first (as {@link FindingRepository#openGroups})
     * @param people     people per category and status at each holder above the limit, by holder id
     * @param took       how long the count took
     */
    record Snapshot(
            Instant countedAt,
            Instant checkedAt,
            String written,
            List<FindingGroup> openGroups,
            Map<String, List<HolderDetail.CategoryCount>> people,
            Duration took) {

        Snapshot checked(Instant at) {
            return new Snapshot(countedAt, at, written, openGroups, people, took);
        }

        <T> Counted<T> counted(T value) {
            return new Counted<>(value, countedAt, checkedAt);
        }
    }

    private final GraphTransactions graph;
    private final Clock clock;
    private final long liveLimit;
    private final FindingRepository findings = new FindingRepository();
    private final HolderRepository holders = new HolderRepository();
    private volatile Snapshot snapshot;

    /**
     * @param liveLimit above this many findings in the graph (or edges at a holder), the background
     *                  count is shown ({@link #LIVE_LIMIT} in the product; tests choose 0 to see it
     *                  always, or a large one to count live)
     */
    public ConsoleCounts(GraphTransactions graph, Clock clock, long liveLimit) {
        this.graph = graph;
        this.clock = clock;
        this.liveLimit = liveLimit;
    }

    /**
     * Open findings grouped by holder, kind and rule (largest first, at most {@code limit}), optionally
     * at one holder and of one kind; empty while the graph is too large to count live and the first
     * background count has not finished.
     */
    public Optional<Counted<List<FindingGroup>>> openGroups(
            SimpleQueryRunner tx, Optional<String> holder, Optional<String> kind, int limit) {
        if (findingsAreFew(tx)) {
            return Optional.of(Counted.live(findings.openGroups(tx, holder, kind, limit)));
        }
        Snapshot counted = snapshot;
        if (counted == null) {
            return Optional.empty();
        }
        return Optional.of(counted.counted(counted.openGroups.stream()
                .filter(g -> holder.isEmpty() || g.holder().equals(holder.get()))
                .filter(g -> kind.isEmpty() || g.kind().equals(kind.get()))
                .limit(limit)
                .toList()));
    }

    /** Open findings per holder of {@code ids} (holders without any left out); empty as {@link #openGroups}. */
    public Optional<Counted<Map<String, Long>>> openPerHolder(SimpleQueryRunner tx, List<String> ids) {
        if (findingsAreFew(tx)) {
            return Optional.of(Counted.live(findings.openCounts(tx, ids)));
        }
        Snapshot counted = snapshot;
        if (counted == null) {
            return Optional.empty();
        }
        return Optional.of(counted.counted(perHolder(counted.openGroups, ids)));
    }

    /** Open findings per kind, in kind order; empty as {@link #openGroups}. */
    public Optional<Counted<Map<String, Long>>> openPerKind(SimpleQueryRunner tx, String liveQuery) {
        if (findingsAreFew(tx)) {
            Map<String, Long> perKind = new TreeMap<>();
            tx.run(liveQuery)
                    .forEachRemaining(r ->
                            perKind.put(r.get("kind").asString(), r.get("count").asLong()));
            return Optional.of(Counted.live(perKind));
        }
        Snapshot counted = snapshot;
        if (counted == null) {
            return Optional.empty();
        }
        return Optional.of(counted.counted(perKind(counted.openGroups)));
    }

    /**
     * People per category and status at holder {@code id} (as {@link HolderRepository#peoplePerCategory});
     * empty while the holder has too many edges to count live and no background count has counted it yet.
     */
    public Optional<Counted<List<HolderDetail.CategoryCount>>> peoplePerCategory(SimpleQueryRunner tx, String id) {
        List<Record> edges = tx.run(HOLDER_EDGES, Map.of("id", id)).list();
        long degree = edges.isEmpty() ? 0 : edges.get(0).get("edges").asLong();
        if (degree <= liveLimit) {
            return Optional.of(Counted.live(holders.peoplePerCategory(tx, id)));
        }
        Snapshot counted = snapshot;
        if (counted == null || !counted.people.containsKey(id)) {
            return Optional.empty();
        }
        return Optional.of(counted.counted(counted.people.get(id)));
    }

    /**
     * Counts now, unless nothing was written since the last count (then only notes that it is still
     * current). Called by the {@link Refresher}; each read is a transaction of its own.
     *
     * @return true when it counted
     */
    public boolean refresh() {
        Instant started = clock.instant();
        String written = graph.read(tx -> {
            Record row = tx.run(WRITTEN).single();
            return row.get("appliedAt").isNull()
                    ? "nothing"
                    : row.get("appliedAt").asLong() + ":"
                            + row.get("partitions").asLong();
        });
        Snapshot last = snapshot;
        if (last != null && Objects.equals(last.written, written)) {
            snapshot = last.checked(started);
            return false;
        }
        List<FindingGroup> groups =
                graph.read(tx -> findings.openGroups(tx, Optional.empty(), Optional.empty(), Integer.MAX_VALUE));
        List<String> large = graph.read(tx -> tx.run(LARGE_HOLDERS, Map.of("limit", liveLimit))
                .list(r -> r.get("id").asString()));
        Map<String, List<HolderDetail.CategoryCount>> people = new LinkedHashMap<>();
        for (String id : large) {
            people.put(id, graph.read(tx -> holders.peoplePerCategory(tx, id)));
        }
        Duration took = Duration.between(started, clock.instant());
        snapshot = new Snapshot(started, started, written, List.copyOf(groups), Map.copyOf(people), took);
        LOG.debug(
                "console counts: {} finding groups, {} large holders, in {} ms",
                groups.size(),
                large.size(),
                took.toMillis());
        return true;
    }

    /** How long the last background count that counted took, if one did. */
    public Optional<Duration> lastCountTook() {
        return snapshot().map(Snapshot::took);
    }

    /** The last background count, if any. */
    Optional<Snapshot> snapshot() {
        return Optional.ofNullable(snapshot);
    }

    private boolean findingsAreFew(SimpleQueryRunner tx) {
        return tx.run(FINDINGS).single().get("findings").asLong() <= liveLimit;
    }

    /** Sums groups per holder of {@code ids}, leaving out holders without any. */
    static Map<String, Long> perHolder(List<FindingGroup> groups, List<String> ids) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (FindingGroup group : groups) {
            if (ids.contains(group.holder())) {
                counts.merge(group.holder(), group.count(), Long::sum);
            }
        }
        return counts;
    }

    /** Sums groups per kind, in kind order. */
    static Map<String, Long> perKind(List<FindingGroup> groups) {
        Map<String, Long> counts = new TreeMap<>();
        groups.forEach(g -> counts.merge(g.kind(), g.count(), Long::sum));
        return counts;
    }

    /** Starts counting now and then every {@code every}; the caller closes it with the API. */
    public Refresher start(Duration every) {
        return new Refresher(this, every);
    }

    /**
     * The background count: one daemon thread, a count every {@code every} after the previous one
     * ended; a failed count is logged and the next one tries again. Closed with the DPO API.
     */
    public static final class Refresher implements AutoCloseable {

        private final ScheduledExecutorService scheduler;

        private Refresher(ConsoleCounts counts, Duration every) {
            this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "console-counts");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(
                    () -> {
                        try {
                            counts.refresh();
                        } catch (RuntimeException e) {
                            LOG.warn("counting the console's findings and people failed; trying again in {}", every, e);
                        }
                    },
                    0,
                    every.toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        /** Whether the thread has stopped (after {@link #close}). */
        public boolean isStopped() {
            return scheduler.isTerminated();
        }

        @Override
        public void close() {
            scheduler.shutdownNow();
            try {
                if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("the console's background count did not stop within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
