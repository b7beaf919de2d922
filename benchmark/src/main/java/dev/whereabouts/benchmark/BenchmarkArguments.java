package dev.whereabouts.benchmark;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of {@code ./bench}, parsed and checked: every mistake is named precisely.
 *
 * @param events      events per throughput run and events loaded into the platform
 * @param people      distinct people the events are about
 * @param phases      the phases to run
 * @param lookups     timed lookups over HTTP and over Bolt each
 * @param freshness   freshness probes per condition (under steady load, idle)
 * @param requests    erasure requests filed
 * @param steadyRate  events/s of background load during the loaded freshness probes; 0 = half the
 *                    end-to-end rate measured in this run (1,000/s when e2e did not run)
 * @param e2eTimeoutS seconds each end-to-end load (first, sustained) may take before it is reported unfinished
 * @param sustained   whether the end-to-end phase, after the first load, also times as many events of
 *                    returning people (the sustained bar)
 * @param out         directory for results.json and results.md
 */
record BenchmarkArguments(
        int events,
        int people,
        Set<Phase> phases,
        int lookups,
        int freshness,
        int requests,
        int steadyRate,
        int e2eTimeoutS,
        boolean sustained,
        Path out) {

    static final String USAGE = """
            usage: ./bench [--events=N] [--people=N] [--only=PHASE,...] [--lookups=N] [--freshness=N]
                           [--requests=N] [--steady-rate=N] [--e2e-timeout=SECONDS] [--no-sustained]
                           [--out=DIR]
              --events       events per ingest run and events loaded into the platform (default 1000000)
              --people       distinct people they are about, at most --events (default 200000)
              --only         phases to run, comma-separated (default all): %s
              --lookups      timed DPO lookups over HTTP, and Bolt point lookups (default 10000)
              --freshness    freshness probes under steady load and again idle (default 200)
              --requests     erasure requests filed through the DPO API (default 200)
              --steady-rate  background events/s while probing freshness under load (default: half the
                             end-to-end rate measured in this run)
              --e2e-timeout  seconds each end-to-end load (first, sustained) may take before it is reported
                             unfinished (default 1800)
              --no-sustained end to end: time only the first load (every person signs up), not the sustained
                             load of as many events of returning people after it
              --out          where results.json and results.md go (default target/benchmark)
            """.formatted(Phase.options());

    private static final List<String> OPTIONS = List.of(
            "events",
            "people",
            "only",
            "lookups",
            "freshness",
            "requests",
            "steady-rate",
            "e2e-timeout",
            "no-sustained",
            "out");

    /** Options that take no value. */
    private static final List<String> FLAGS = List.of("no-sustained");

    BenchmarkArguments {
        phases = Set.copyOf(phases);
    }

    boolean runs(Phase phase) {
        return phases.contains(phase);
    }

    boolean needsPlatform() {
        return phases.stream().anyMatch(Phase::onPlatform);
    }

    boolean needsData() {
        return phases.stream().anyMatch(Phase::needsData);
    }

    /**
     * @throws IllegalArgumentException naming the argument and what is wrong with it
     */
    static BenchmarkArguments parse(String... args) {
        int events = 1_000_000;
        int people = 200_000;
        Set<Phase> phases = EnumSet.allOf(Phase.class);
        int lookups = 10_000;
        int freshness = 200;
        int requests = 200;
        int steadyRate = 0;
        int e2eTimeout = 1800;
        boolean sustained = true;
        Path out = Path.of("target", "benchmark");
        Set<String> seen = new HashSet<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "': options look like --name=value");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException(
                        "unknown option '--" + name + "'; options are --" + String.join(", --", OPTIONS));
            }
            if (FLAGS.contains(name) && eq >= 0) {
                throw new IllegalArgumentException("--" + name + " takes no value: --" + name);
            }
            if (!FLAGS.contains(name) && (eq < 0 || eq == arg.length() - 1)) {
                throw new IllegalArgumentException("--" + name + " needs a value: --" + name + "=...");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("--" + name + " is given twice");
            }
            String value = eq < 0 ? "" : arg.substring(eq + 1);
            switch (name) {
                case "events" -> events = positive(name, value);
                case "people" -> people = positive(name, value);
                case "only" -> phases = phases(value);
                case "lookups" -> lookups = positive(name, value);
                case "freshness" -> freshness = positive(name, value);
                case "requests" -> requests = positive(name, value);
                case "steady-rate" -> steadyRate = positive(name, value);
                case "e2e-timeout" -> e2eTimeout = positive(name, value);
                case "out" -> out = Path.of(value);
                case "no-sustained" -> sustained = false;
                default -> throw new IllegalStateException("option without a case: " + name);
            }
        }
        if (people > events) {
            throw new IllegalArgumentException("--people (" + people + ") must not exceed --events (" + events
                    + "): every person signs up with an event of their own");
        }
        return new BenchmarkArguments(
                events, people, phases, lookups, freshness, requests, steadyRate, e2eTimeout, sustained, out);
    }

    private static int positive(String name, String value) {
        String digits = value.replace("_", "");
        if (!digits.matches("[0-9]{1,10}")) {
            throw new IllegalArgumentException("--" + name + " must be a positive whole number, got '" + value + "'");
        }
        long parsed = Long.parseLong(digits);
        if (parsed < 1 || parsed > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "--" + name + " must be between 1 and " + Integer.MAX_VALUE + ", got '" + value + "'");
        }
        return (int) parsed;
    }

    private static Set<Phase> phases(String value) {
        Set<Phase> phases = EnumSet.noneOf(Phase.class);
        for (String option : value.split(",", -1)) {
            if (option.isBlank()) {
                throw new IllegalArgumentException(
                        "--only has an empty phase in '" + value + "'; phases are " + Phase.options());
            }
            phases.add(Phase.byOption(option)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "--only: unknown phase '" + option.trim() + "'; phases are " + Phase.options())));
        }
        return phases;
    }
}
