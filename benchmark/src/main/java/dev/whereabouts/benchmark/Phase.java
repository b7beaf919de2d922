package dev.whereabouts.benchmark;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A part of the benchmark that {@code --only} can select. */
enum Phase {

    /** Plain producer, emitter and HTTP batch endpoint into Kafka, on a stack of their own. */
    INGEST("ingest"),
    /** Platform start on a fresh data directory until the DPO API answers. */
    STARTUP("startup"),
    /** The demo mix through Streams into Neo4j, a first load then returning people, next to the plain Streams EOS aggregate. */
    E2E("e2e"),
    /** Event emitted until visible in the DPO lookup over HTTP, under steady load and idle. */
    FRESHNESS("freshness"),
    /** DPO lookup over HTTP next to a point lookup over Bolt, with everything loaded. */
    LOOKUP("lookup"),
    /** Erasure filed over HTTP until every task is readable on the tasks topic. */
    ERASURE("erasure");

    private final String option;

    Phase(String option) {
        this.option = option;
    }

    String option() {
        return option;
    }

    /** Whether the phase runs on the platform (everything but ingest). */
    boolean onPlatform() {
        return this != INGEST;
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
