package dev.whereabouts.graph.console;

import dev.whereabouts.graph.schema.Cypher;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.graph.writer.AppliedProgress;
import dev.whereabouts.model.dsr.RequestLifecycle;
import dev.whereabouts.model.dsr.RequestState;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.web.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Record;

/**
 * The console's home: how many people and holders the graph knows, the open requests by state with
 * the overdue ones and those due within a week, the open findings by kind, and how fresh the data is
 * (the last event the graph writer applied). The open findings are counted live while they are few,
 * and above {@link ConsoleCounts#LIVE_LIMIT} come from the background count, saying when it was taken.
 */
public final class HomePage implements Console.Section {

    private static final String PEOPLE = Cypher.of("""
            MATCH (s:${Subject}) WITH count(s) AS all
            OPTIONAL MATCH (:${Subject})-[m:${MERGED_INTO}]->()
            WITH all, count(m) AS merged
            RETURN all - merged AS people
            """);

    private static final String HOLDERS = Cypher.of("""
            MATCH (h:${Holder})
            RETURN count(CASE WHEN h.declared THEN 1 END) AS declared, count(h) AS all
            """);

    private static final String OPEN_REQUESTS = Cypher.of("""
            MATCH (q:${Request}) WHERE NOT q.state IN $finished
            RETURN q.state AS state, count(q) AS count,
                   count(CASE WHEN q.overdue THEN 1 END) AS overdue,
                   count(CASE WHEN NOT coalesce(q.overdue, false) AND q.deadline <= $week THEN 1 END) AS dueThisWeek
            ORDER BY state
            """);

    /** Open findings per kind, counted live (while the findings are few, see {@link ConsoleCounts}). */
    static final String OPEN_FINDINGS = Cypher.of("""
            MATCH (f:${Finding}) WHERE NOT f.resolved
            RETURN f.kind AS kind, count(f) AS count ORDER BY kind
            """);

    /** What the home page shows. */
    public record Overview(
            long people,
            long holdersDeclared,
            long holdersUndeclared,
            List<Count> openRequests,
            long openRequestsTotal,
            long overdue,
            long dueThisWeek,
            List<Count> openFindings,
            long openFindingsTotal,
            String lastEventAt,
            String lastAppliedAt,
            String freshness,
            String findingsCounted,
            boolean findingsCounting) {

        public boolean hasOpenRequests() {
            return openRequestsTotal > 0;
        }

        public boolean hasOpenFindings() {
            return openFindingsTotal > 0;
        }
    }

    /**
     * One row of a count table.
     *
     * @param key   the state or kind as the API names it
     * @param label the same in words
     * @param link  the console page listing them
     */
    public record Count(String key, String label, long count, String link) {}

    private final GraphTransactions graph;
    private final ConsoleCounts counts;

    public HomePage(GraphTransactions graph, ConsoleCounts counts) {
        this.graph = graph;
        this.counts = counts;
    }

    @Override
    public List<Endpoint> routes(Console console) {
        // "/console" and "/console/" are the same route: paths match segment by segment.
        return List.of(console.page(
                "",
                request -> console.render(
                        request,
                        200,
                        "home",
                        "Home",
                        "home",
                        overview(console.clock().instant()))));
    }

    /** The overview as of {@code now}, read in one transaction. */
    public Overview overview(Instant now) {
        List<String> finished = new ArrayList<>();
        for (RequestState state : RequestState.values()) {
            if (RequestLifecycle.isFinished(state)) {
                finished.add(state.name());
            }
        }
        return graph.read(tx -> {
            long people = tx.run(PEOPLE).single().get("people").asLong();
            Record holders = tx.run(HOLDERS).single();
            long declared = holders.get("declared").asLong();
            List<Count> requests = new ArrayList<>();
            long openTotal = 0;
            long overdue = 0;
            long dueThisWeek = 0;
            for (Record row : tx.run(
                            OPEN_REQUESTS,
                            Map.of(
                                    "finished",
                                    finished,
                                    "week",
                                    now.plus(Duration.ofDays(7)).toEpochMilli()))
                    .list()) {
                String state = row.get("state").asString();
                long count = row.get("count").asLong();
                requests.add(new Count(state, words(state), count, "/console/requests?state=" + state));
                openTotal += count;
                overdue += row.get("overdue").asLong();
                dueThisWeek += row.get("dueThisWeek").asLong();
            }
            Optional<ConsoleCounts.Counted<Map<String, Long>>> openFindings = counts.openPerKind(tx, OPEN_FINDINGS);
            List<Count> findings = new ArrayList<>();
            long findingsTotal = 0;
            for (Map.Entry<String, Long> kind : openFindings
                    .map(ConsoleCounts.Counted::value)
                    .orElse(Map.of())
                    .entrySet()) {
                findings.add(new Count(
                        kind.getKey(),
                        words(kind.getKey()),
                        kind.getValue(),
                        "/console/findings?kind=" + kind.getKey()));
                findingsTotal += kind.getValue();
            }
            Optional<AppliedProgress.Latest> latest = AppliedProgress.latest(tx, Topics.LINEAGE.name());
            return new Overview(
                    people,
                    declared,
                    holders.get("all").asLong() - declared,
                    requests,
                    openTotal,
                    overdue,
                    dueThisWeek,
                    findings,
                    findingsTotal,
                    latest.map(l -> Formats.moment(l.lastRecordAt())).orElse(null),
                    latest.map(l -> Formats.moment(l.appliedAt())).orElse(null),
                    latest.map(l -> Formats.ago(now, l.appliedAt())).orElse(null),
                    openFindings.map(c -> c.words(now)).orElse(null),
                    openFindings.isEmpty());
        });
    }

    /** {@code AWAITING_VERIFICATION} as {@code Awaiting verification}. */
    static String words(String constant) {
        String lower = constant.replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
