package dev.whereabouts.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the resident memory of this JVM and every process it started (the Kafka and Neo4j child
 * JVMs) once a second, summing {@code VmRSS} over the whole tree, and keeps the peak with the
 * processes that made it up.
 */
final class RssSampler implements AutoCloseable {

    /** One sample: the tree's total and each process's share, labelled. */
    record Sample(long totalBytes, Map<String, Long> byProcess) {

        String breakdown() {
            List<String> parts = new ArrayList<>();
            byProcess.forEach((name, bytes) -> parts.add(name + " " + Report.mebibytes(bytes)));
            return String.join(", ", parts);
        }
    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-rss-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Sample peak = new Sample(0, Map.of());
    private volatile Sample last = new Sample(0, Map.of());

    RssSampler start() {
        timer.scheduleAtFixedRate(this::sampleNow, 0, 1, TimeUnit.SECONDS);
        return this;
    }

    /** Forgets the peak so far: the next peak covers only what runs from now on. */
    synchronized void resetPeak() {
        peak = new Sample(0, Map.of());
    }

    Sample peak() {
        return peak;
    }

    /** Takes a sample now and returns it. */
    synchronized Sample sampleNow() {
        Map<String, Long> byProcess = new LinkedHashMap<>();
        ProcessHandle self = ProcessHandle.current();
        rss(self).ifPresent(bytes -> byProcess.put("benchmark JVM (platform services + load clients)", bytes));
        self.descendants()
                .forEach(child -> rss(child).ifPresent(bytes -> byProcess.merge(label(child), bytes, Long::sum)));
        long total = byProcess.values().stream().mapToLong(Long::longValue).sum();
        Sample sample = new Sample(total, Map.copyOf(byProcess));
        last = sample;
        if (total > peak.totalBytes()) {
            peak = new Sample(total, byProcess);
        }
        return sample;
    }

    private static OptionalLong rss(ProcessHandle process) {
        return ProcessMemory.rssBytes(process.pid());
    }

    /** The simple name of a child JVM's main class (KafkaNode, Neo4jNode), else the command. */
    private static String label(ProcessHandle process) {
        return mainClass(commandLine(process.pid()))
                        .orElse(process.info().command().orElse("process")) + " (pid " + process.pid() + ")";
    }

    /** The arguments of {@code /proc/<pid>/cmdline} (NUL-separated); empty when unreadable. */
    private static List<String> commandLine(long pid) {
        try {
            return List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8)
                    .split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The simple name of the main class in a {@code java ... -cp <path> <main class> ...} command line. */
    static Optional<String> mainClass(List<String> arguments) {
        for (int i = 0; i + 2 < arguments.size(); i++) {
            if (arguments.get(i).equals("-cp") || arguments.get(i).equals("-classpath")) {
                String main = arguments.get(i + 2);
                return Optional.of(main.substring(main.lastIndexOf('.') + 1));
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
