package dev.whereabouts.benchmark;

import dev.whereabouts.stack.EmbeddedStack;
import dev.whereabouts.stack.StackConfig;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code ./bench [--events=N] [--people=N] [--out=DIR]}: starts a fresh embedded stack in a temporary
 * directory on free ports, runs every benchmark, and writes {@code results.json} and {@code results.md}
 * (default directory {@code target/benchmark}). Numbers belong in {@code docs/benchmarks.md}.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        int events = 1_000_000;
        int people = 200_000;
        Path out = Path.of("target", "benchmark");
        for (String arg : args) {
            if (arg.startsWith("--events=")) {
                events = Integer.parseInt(arg.substring(9));
            } else if (arg.startsWith("--people=")) {
                people = Integer.parseInt(arg.substring(9));
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring(6));
            } else {
                System.err.println("usage: ./bench [--events=N] [--people=N] [--out=DIR]");
                System.exit(2);
            }
        }
        Path data = Files.createTempDirectory("whereabouts-bench-");
        List<Result> results = new ArrayList<>();
        try (EmbeddedStack stack = EmbeddedStack.start(StackConfig.fromEnvironment().withDataDirectory(data).withEphemeralPorts())) {
            results.addAll(new IngestBenchmark(stack, events, people).run());
        }
        String machine = Runtime.getRuntime().availableProcessors() + " cores, "
                + (((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() >> 30)
                + " GiB, " + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java " + System.getProperty("java.version");
        String markdown = "Run " + LocalDate.now() + " on " + machine + "; " + events + " events over " + people + " people.\n\n"
                + "| what | measured | ceiling (same run) | ratio | bar | verdict |\n|---|---|---|---|---|---|\n"
                + results.stream().map(Result::markdownRow).collect(Collectors.joining("\n")) + "\n";
        String json = "{\"date\":\"" + LocalDate.now() + "\",\"machine\":\"" + machine + "\",\"events\":" + events
                + ",\"people\":" + people + ",\"results\":["
                + results.stream().map(Result::json).collect(Collectors.joining(",")) + "]}\n";
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.md"), markdown, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("results.json"), json, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(markdown);
        System.out.println("written to " + out.toAbsolutePath());
    }
}
