package dev.whereabouts.benchmark;

import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line of {@code ./bench}, declared with picocli and checked: every mistake is named
 * precisely. Every option of every phase is declared here, so {@code ./bench --help} lists them all.
 */
@Command(
        name = "./bench",
        sortOptions = false,
        usageHelpAutoWidth = false,
        usageHelpWidth = 110,
        description = {
            "Measures every SPEC bar next to its ceiling measured in the same run, and writes results.md and"
                    + " results.json.",
            "Without --only: the full run (ingest, startup, e2e, freshness, lookup, erasure). The streams and graph"
                    + " phases each start a fresh embedded stack of their own, or use the running stack given with"
                    + " --bootstrap, --registry (and --bolt for graph)."
        })
final class BenchmarkArguments {

    @Option(
            names = "--events",
            converter = PositiveInt.class,
            paramLabel = "N",
            description = "events per ingest run, events loaded into the platform, events of the streams phase"
                    + " (default 1000000)")
    private int events = 1_000_000;

    @Option(
            names = "--people",
            converter = PositiveInt.class,
            paramLabel = "N",
            description = "distinct people they are about, at most --events (default 200000)")
    private int people = 200_000;

    @Option(
            names = "--only",
            converter = Phases.class,
            paramLabel = "PHASE,...",
            description = "phases to run, comma-separated (default: every phase but streams and graph; the phases are"
                    + " listed below)")
    private Selection phases = new Selection(Phase.fullRun());

    @Option(
            names = "--lookups",
            converter = PositiveInt.class,
            paramLabel = "N",
            description =
                    "timed DPO lookups over HTTP, and Bolt point lookups (lookup and graph phases; default" + " 10000)")
    private int lookups = 10_000;

    @Option(
            names = "--freshness",
            converter = PositiveInt.class,
            paramLabel = "N",
            description = "freshness probes under steady load and again idle; graph phase: freshness samples"
                    + " (default 200)")
    private int freshness = 200;

    @Option(
            names = "--requests",
            converter = PositiveInt.class,
            paramLabel = "N",
            description = "erasure requests filed through the DPO API, and through Streams in the streams phase"
                    + " (default 200)")
    private int requests = 200;

    @Option(
            names = "--steady-rate",
            converter = PositiveInt.class,
            paramLabel = "N",
            description = "background events/s while probing freshness under load (default: half the end-to-end"
                    + " rate measured in this run)")
    private int steadyRate;

    @Option(
            names = "--e2e-timeout",
            converter = PositiveInt.class,
            paramLabel = "SECONDS",
            description = "seconds each end-to-end load (first, sustained) may take before it is reported"
                    + " unfinished; also bounds the streams phase's ceiling and topology runs (default 1800)")
    private int e2eTimeoutS = 1800;

    @Option(
            names = "--no-sustained",
            description = "end to end: time only the first load (every person signs up), not the sustained load of"
                    + " as many events of returning people after it")
    private boolean noSustained;

    @Option(
            names = "--out",
            converter = NonEmptyPath.class,
            paramLabel = "DIR",
            description = "where results.json and results.md go (default target/benchmark)")
    private Path out = Path.of("target", "benchmark");

    @Option(
            names = "--threads",
            converter = PositiveInt.class,
            paramLabel = "N",
            description = "streams phase: stream threads of the lineage topology (default 2)")
    private int threads = 2;

    @Option(
            names = "--commit-interval-ms",
            converter = PositiveInt.class,
            paramLabel = "MS",
            description = "streams phase: the lineage topology's commit interval (default: the application's)")
    private Integer commitIntervalMs;

    @Option(
            names = "--subjects",
            converter = PositiveInt.class,
            paramLabel = "N",
            description = "graph phase: subjects loaded through the graph writer (default 1000000)")
    private int subjects = 1_000_000;

    @Option(
            names = "--edges",
            converter = PositiveInt.class,
            paramLabel = "N",
            description = "graph phase: lineage edges per subject (default 5)")
    private int edges = 5;

    @Option(
            names = "--baseline-rows",
            converter = PositiveInt.class,
            paramLabel = "N",
            description = "graph phase: rows of plain MERGE sampled for the ceiling; the block before the writer is a"
                    + " quarter of it (default: subjects x edges, at most 1000000)")
    private Integer baselineRows;

    @Option(
            names = "--prefix",
            converter = NonEmpty.class,
            paramLabel = "TEXT",
            description = "graph phase: subject ids and e-mails are <prefix>-<i>; a new prefix gives new subjects on"
                    + " a stack used before (default bench)")
    private String prefix = "bench";

    @Option(
            names = "--skip-load",
            arity = "0..1",
            paramLabel = "true|false",
            description = "graph phase: measure latency only, on subjects loaded before with the same --prefix"
                    + " (needs a running stack)")
    private boolean skipLoad;

    @Option(
            names = "--bootstrap",
            converter = NonEmpty.class,
            paramLabel = "HOST:PORT",
            description = "streams and graph phases: Kafka of a running stack instead of a fresh one of their own")
    private String bootstrap;

    @Option(
            names = "--registry",
            converter = NonEmptyUri.class,
            paramLabel = "URL",
            description = "with --bootstrap: the running stack's schema registry")
    private URI registry;

    @Option(
            names = "--bolt",
            converter = NonEmptyUri.class,
            paramLabel = "URI",
            description = "with --bootstrap: the running stack's Neo4j (graph phase)")
    private URI bolt;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "print this help and exit")
    private boolean help;

    static final String USAGE = commandLine(new BenchmarkArguments()).getUsageMessage(CommandLine.Help.Ansi.OFF);

    private BenchmarkArguments() {}

    /** The phases {@code --only} names; a value of its own so that picocli takes it as one option, given once. */
    private record Selection(Set<Phase> phases) {}

    /** What the graph phase loads and measures. */
    record GraphSize(int subjects, int edges, int baselineRows, String prefix, boolean skipLoad) {}

    /**
     * @throws IllegalArgumentException naming the argument and what is wrong with it
     */
    static BenchmarkArguments parse(String... argv) {
        BenchmarkArguments args = new BenchmarkArguments();
        CommandLine line = commandLine(args);
        // picocli takes "--flag=true" as "--flag"; a flag given a value is more likely a mistake than not.
        for (OptionSpec option : line.getCommandSpec().options()) {
            for (String arg : argv) {
                if (option.arity().max() == 0 && arg.startsWith(option.longestName() + "=")) {
                    throw new IllegalArgumentException(
                            option.longestName() + " takes no value: " + option.longestName());
                }
            }
        }
        try {
            line.parseArgs(argv);
        } catch (ParameterException e) {
            throw new IllegalArgumentException(explain(e, line), e);
        }
        if (args.people > args.events) {
            throw new IllegalArgumentException("--people (" + args.people + ") must not exceed --events (" + args.events
                    + "): every person signs up with an event of their own");
        }
        if ((args.registry != null || args.bolt != null) && args.bootstrap == null) {
            throw new IllegalArgumentException("--registry and --bolt name a running stack: give its --bootstrap too");
        }
        if (args.bootstrap != null && args.registry == null) {
            throw new IllegalArgumentException("--bootstrap names a running stack: give its --registry too");
        }
        if (args.bootstrap != null && args.bolt == null && args.runs(Phase.GRAPH)) {
            throw new IllegalArgumentException("the graph phase on a running stack needs its --bolt too");
        }
        if (args.skipLoad && args.bootstrap == null) {
            throw new IllegalArgumentException(
                    "--skip-load measures subjects loaded before: give the running stack that holds them (--bootstrap,"
                            + " --registry, --bolt)");
        }
        return args;
    }

    private static CommandLine commandLine(BenchmarkArguments args) {
        CommandLine line = new CommandLine(args);
        StringBuilder phases = new StringBuilder("%nPhases, in the order they run:%n");
        for (Phase phase : Phase.values()) {
            phases.append(String.format("  %-10s %s%n", phase.option(), phase.description()));
        }
        line.getCommandSpec().usageMessage().footer(phases.toString());
        return line;
    }

    /** picocli's messages name its own model; these name the option as it is typed. */
    private static String explain(ParameterException e, CommandLine line) {
        if (e instanceof UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()) {
            String arg = unmatched.getUnmatched().get(0);
            if (!arg.startsWith("--")) {
                return "unexpected argument '" + arg + "': options look like --name=value";
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            List<String> names = line.getCommandSpec().options().stream()
                    .map(OptionSpec::longestName)
                    .toList();
            return "unknown option '" + name + "'; options are " + String.join(", ", names);
        }
        if (e instanceof OverwrittenOptionException overwritten) {
            return name(overwritten.getOverwritten()) + " is given twice";
        }
        if (e instanceof MissingParameterException missing
                && !missing.getMissing().isEmpty()) {
            String name = name(missing.getMissing().get(0));
            return name + " needs a value: " + name + "=...";
        }
        if (e.getArgSpec() instanceof OptionSpec option) {
            String name = option.longestName();
            if (option.arity().max() == 0) {
                return name + " takes no value: " + name;
            }
            if (e.getValue() != null && e.getValue().isEmpty()) {
                return name + " needs a value: " + name + "=...";
            }
            if (e.getCause() instanceof TypeConversionException bad) {
                // A converter serving one option names it; one serving several leaves it to this line.
                return bad.getMessage().startsWith("--") ? bad.getMessage() : name + " " + bad.getMessage();
            }
        }
        return e.getMessage();
    }

    private static String name(ArgSpec spec) {
        return spec instanceof OptionSpec option ? option.longestName() : spec.paramLabel();
    }

    int events() {
        return events;
    }

    int people() {
        return people;
    }

    Set<Phase> phases() {
        return Set.copyOf(phases.phases());
    }

    int lookups() {
        return lookups;
    }

    int freshness() {
        return freshness;
    }

    int requests() {
        return requests;
    }

    /** Events/s of background load during the loaded freshness probes; 0 = half the end-to-end rate measured. */
    int steadyRate() {
        return steadyRate;
    }

    int e2eTimeoutS() {
        return e2eTimeoutS;
    }

    /** Whether the end-to-end phase, after the first load, also times as many events of returning people. */
    boolean sustained() {
        return !noSustained;
    }

    Path out() {
        return out;
    }

    int threads() {
        return threads;
    }

    Optional<Integer> commitIntervalMs() {
        return Optional.ofNullable(commitIntervalMs);
    }

    GraphSize graph() {
        int baseline = baselineRows != null ? baselineRows : (int) Math.min((long) subjects * edges, 1_000_000);
        return new GraphSize(subjects, edges, baseline, prefix, skipLoad);
    }

    /** The running stack given with --bootstrap, --registry and --bolt, if any. */
    Optional<StackAddress> runningStack() {
        return bootstrap == null ? Optional.empty() : Optional.of(new StackAddress(bootstrap, registry, bolt));
    }

    boolean helpRequested() {
        return help;
    }

    boolean runs(Phase phase) {
        return phases.phases().contains(phase);
    }

    boolean needsPlatform() {
        return phases.phases().stream().anyMatch(Phase::onPlatform);
    }

    boolean needsData() {
        return phases.phases().stream().anyMatch(Phase::needsData);
    }

    /** A whole number from 1 to {@link Integer#MAX_VALUE}; {@code _} may group digits. */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            String digits = value.replace("_", "");
            if (!digits.matches("[0-9]{1,10}")) {
                throw new TypeConversionException("must be a positive whole number, got '" + value + "'");
            }
            long parsed = Long.parseLong(digits);
            if (parsed < 1 || parsed > Integer.MAX_VALUE) {
                throw new TypeConversionException(
                        "must be between 1 and " + Integer.MAX_VALUE + ", got '" + value + "'");
            }
            return (int) parsed;
        }
    }

    /** The value of {@code --only}. */
    static final class Phases implements ITypeConverter<Selection> {
        @Override
        public Selection convert(String value) {
            Set<Phase> phases = EnumSet.noneOf(Phase.class);
            for (String option : value.split(",", -1)) {
                if (option.isBlank()) {
                    throw new TypeConversionException(
                            "--only has an empty phase in '" + value + "'; phases are " + Phase.options());
                }
                phases.add(Phase.byOption(option)
                        .orElseThrow(() -> new TypeConversionException(
                                "--only: unknown phase '" + option.trim() + "'; phases are " + Phase.options())));
            }
            return new Selection(phases);
        }
    }

    /** A value that is not empty, so that {@code --name=} fails as a missing value instead of meaning nothing. */
    private static String nonEmpty(String value) {
        if (value.isEmpty()) {
            throw new TypeConversionException("needs a value");
        }
        return value;
    }

    static final class NonEmpty implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return nonEmpty(value);
        }
    }

    static final class NonEmptyPath implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            return Path.of(nonEmpty(value));
        }
    }

    static final class NonEmptyUri implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                return URI.create(nonEmpty(value));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("is not a URI: '" + value + "'");
            }
        }
    }
}
