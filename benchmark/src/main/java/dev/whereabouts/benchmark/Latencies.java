package dev.whereabouts.benchmark;

import java.util.Arrays;

/**
 * The one latency recorder of every phase: samples in milliseconds, added as they are measured (from
 * several threads if need be), summarised by {@link Percentiles}. Warm-up samples are simply not
 * added.
 */
final class Latencies {

    private double[] millis = new double[64];
    private int count;

    /** Adds the time from {@code startNanos} ({@link System#nanoTime()}) to now. */
    void since(long startNanos) {
        add((System.nanoTime() - startNanos) / 1e6);
    }

    synchronized void add(double sampleMillis) {
        if (count == millis.length) {
            millis = Arrays.copyOf(millis, count * 2);
        }
        millis[count++] = sampleMillis;
    }

    synchronized int count() {
        return count;
    }

    synchronized boolean isEmpty() {
        return count == 0;
    }

    /** @throws IllegalArgumentException when nothing was recorded */
    synchronized Percentiles percentiles() {
        return Percentiles.of(Arrays.copyOf(millis, count));
    }
}
