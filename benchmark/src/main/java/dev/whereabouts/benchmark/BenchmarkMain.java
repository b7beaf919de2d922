package dev.whereabouts.benchmark;

import dev.whereabouts.stack.EmbeddedStack;
import dev.whereabouts.stack.StackConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code ./bench [--events=N] [--people=N] [--only=PHASE,...] ...} (see {@link BenchmarkArguments#USAGE}):
 * the ingest runs on an embedded stack of their own, then the platform as {@code ./whereabouts} runs
 * it, on a fresh temporary data directory and free ports, for every other phase. Writes
 * {@code results.json} and {@code results.md} (default directory {@code target/benchmark}) with the
 * machine, the load and a verdict per bar. Numbers belong in {@code docs/benchmarks.md}.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {}

    public static void main(String[] argv) throws Exception {
        if (argv.length == 1 && (argv[0].equals("--help") || argv[0].equals("-h"))) {
            System.out.print(BenchmarkArguments.USAGE);
            return;
        }
        BenchmarkArguments args;
        try {
            args = BenchmarkArguments.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println("./bench: " + e.getMessage());
            System.err.print(BenchmarkArguments.USAGE);
            System.exit(2);
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
                Path data = Files.createTempDirectory("whereabouts-bench-ingest-");
                try (EmbeddedStack stack = EmbeddedStack.start(
                        StackConfig.fromEnvironment().withDataDirectory(data).withEphemeralPorts())) {
                    new IngestBenchmark(stack, args.events(), args.people())
                            .run()
                            .forEach(record);
                } finally {
                    PlatformBenchmark.deleteRecursively(data);
                }
            }
            if (args.needsPlatform()) {
                new PlatformBenchmark(args, rss, record).run();
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
