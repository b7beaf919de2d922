package dev.whereabouts.benchmark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code ./bench [--events=N] [--people=N] [--only=PHASE,...] ...} (see {@link BenchmarkArguments}): the
 * ingest runs on an embedded stack of their own, then the platform as {@code ./whereabouts} runs it, on
 * a fresh temporary data directory and free ports, for the platform's phases; the streams and graph
 * phases, when asked for, each on a stack of their own (or a running one given). Writes
 * {@code results.json} and {@code results.md} (default directory {@code target/benchmark}) with the
 * machine, the load and a verdict per bar. Numbers belong in {@code docs/benchmarks.md}.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {}

    public static void main(String[] argv) throws Exception {
        BenchmarkArguments args;
        try {
            args = BenchmarkArguments.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println("./bench: " + e.getMessage());
            System.err.print(BenchmarkArguments.USAGE);
            System.exit(2);
            return;
        }
        if (args.helpRequested()) {
            System.out.print(BenchmarkArguments.USAGE);
            return;
        }
        String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        double[] loadStart = Machine.loadAverage();
        List<Result> results = new ArrayList<>();
        Consumer<Result> record = result -> {
            Result stamped = result.withLoad(Machine.loadAverage()[0]);
            results.add(stamped);
            System.out.println("RESULT " + stamped.name() + ": " + stamped.measured() + " ("
                    + stamped.verdict().words() + ")");
        };
        int exit = 0;
        try (RssSampler rss = new RssSampler().start()) {
            if (args.runs(Phase.INGEST)) {
                OwnStack.run(
                        "ingest",
                        Optional.empty(),
                        stack -> new IngestBenchmark(stack, args.events(), args.people())
                                .run()
                                .forEach(record));
            }
            if (args.needsPlatform()) {
                new PlatformBenchmark(args, rss, record).run();
            }
            if (args.runs(Phase.STREAMS)) {
                OwnStack.run("streams", args.runningStack(), stack -> new StreamsBenchmark(stack, args, record).run());
            }
            if (args.runs(Phase.GRAPH)) {
                OwnStack.run("graph", args.runningStack(), stack -> new GraphBenchmark(stack, args, record).run());
            }
        } catch (Exception | Error e) {
            // Whatever was measured before the failure is still written, next to the failure.
            e.printStackTrace();
            record.accept(
                    Result.single("Run failed", e.getClass().getSimpleName(), Double.NaN, Result.NONE, Verdict.NOT_MET)
                            .withNote(String.valueOf(e.getMessage())));
            exit = 1;
        }
        Report report =
                new Report(date, Machine.current(), loadStart, Machine.loadAverage(), String.join(" ", argv), results);
        Files.createDirectories(args.out());
        Files.writeString(args.out().resolve("results.md"), report.markdown(), StandardCharsets.UTF_8);
        Files.writeString(args.out().resolve("results.json"), report.json(), StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(report.markdown());
        System.out.println("written to " + args.out().toAbsolutePath());
        System.exit(exit);
    }
}
