package dev.whereabouts.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine a run was measured on.
 *
 * @param cores       processors available to the JVM
 * @param memoryBytes physical memory
 * @param kernel      operating system and version
 * @param java        Java version and vendor
 */
record Machine(int cores, long memoryBytes, String kernel, String java) {

    static Machine current() {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                memory,
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    }

    String describe() {
        return String.format(
                Locale.ROOT, "%d cores, %.1f GiB, %s, Java %s", cores, memoryBytes / (double) (1L << 30), kernel, java);
    }

    /** The 1, 5 and 15 minute load averages of a {@code /proc/loadavg} text. */
    static double[] parseLoadAverage(String loadavg) {
        String[] fields = loadavg.trim().split("\\s+");
        if (fields.length < 3) {
            throw new IllegalArgumentException("unexpected /proc/loadavg: '" + loadavg.trim() + "'");
        }
        try {
            return new double[] {
                Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2])
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unexpected /proc/loadavg: '" + loadavg.trim() + "'", e);
        }
    }

    /** The load averages now; NaN where the platform does not report them. */
    static double[] loadAverage() {
        try {
            return parseLoadAverage(Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII));
        } catch (IOException | IllegalArgumentException e) {
            double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return new double[] {one < 0 ? Double.NaN : one, Double.NaN, Double.NaN};
        }
    }
}
