package dev.whereabouts.benchmark;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A part of the benchmark that {@code --only} can select: the one list of phases, the one place to add
 * a phase. The full run ({@code ./bench} without {@code --only}) is every phase but the two that
 * measure one component on a stack of its own at the sizes of their own bars (streams, graph).
 */
enum Phase {

    /** Plain producer, emitter and HTTP batch endpoint into Kafka, on a stack of their own. */
    INGEST("ingest", "plain producer, emitter and HTTP batches into Kafka, on a stack of their own"),
    /** Platform start on a fresh data directory until the DPO API answers. */
    STARTUP("startup", "platform start on a fresh data directory until the DPO API answers"),
    /** The demo mix through Streams into Neo4j, a first load then returning people, next to the plain Streams EOS aggregate. */
    E2E("e2e", "the demo mix through Streams into Neo4j, first load and returning people, next to plain Streams"),
    /** Event emitted until visible in the DPO lookup over HTTP, under steady load and idle. */
    FRESHNESS("freshness", "emitted until visible in the DPO lookup over HTTP, under steady load and idle"),
    /** DPO lookup over HTTP next to a point lookup over Bolt, with everything loaded. */
    LOOKUP("lookup", "DPO lookup over HTTP next to a Bolt point lookup, everything loaded"),
    /** Erasure filed over HTTP until every task is readable on the tasks topic. */
    ERASURE("erasure", "erasure filed over HTTP until every task is on the tasks topic"),
    /**
     * The lineage topology alone on a stack of its own, pre-loaded with the Streams demo mix, next to the plain
     * Streams ceiling (map, groupByKey, aggregate), and erasure fan-out through the topology alone.
     */
    STREAMS(
            "streams",
            "the lineage topology alone and fan-out through Streams, on a stack of its own (not in full run)"),
    /**
     * The graph writer next to plain batched {@code UNWIND ... MERGE}, Bolt, in-process and HTTP lookups, the
     * console's pages and freshness at the lookup bar's size (1M subjects by default), on a stack of its own
     * or a running one.
     */
    GRAPH(
            "graph",
            "the graph writer next to plain MERGE, lookups, console pages and freshness at 1M subjects (not in full"
                    + " run)");

    private final String option;
    private final String description;

    Phase(String option, String description) {
        this.option = option;
        this.description = description;
    }

    /** One line for {@code ./bench --help}. */
    String description() {
        return description;
    }

    String option() {
        return option;
    }

    /** Whether the phase runs on the platform as {@code ./whereabouts} runs it. */
    boolean onPlatform() {
        return this == STARTUP || this == E2E || this == FRESHNESS || this == LOOKUP || this == ERASURE;
    }

    /** Whether {@code ./bench} without {@code --only} runs the phase. */
    boolean inFullRun() {
        return this != STREAMS && this != GRAPH;
    }

    static Set<Phase> fullRun() {
        return Arrays.stream(values())
                .filter(Phase::inFullRun)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Phase.class)));
    }

    /** Whether the phase needs the demo mix loaded into the platform first. */
    boolean needsData() {
        return this == E2E || this == FRESHNESS || this == LOOKUP || this == ERASURE;
    }

    static Optional<Phase> byOption(String option) {
        String wanted = option.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.option.equals(wanted)).findFirst();
    }

    static String options() {
        return Arrays.stream(values()).map(Phase::option).collect(Collectors.joining(", "));
    }
}
