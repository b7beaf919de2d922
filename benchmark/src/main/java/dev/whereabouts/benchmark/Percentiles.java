package dev.whereabouts.benchmark;

import java.util.Arrays;

/**
 * Latency percentiles by the nearest-rank method: p-th percentile is the smallest sample such that at
 * least p percent of the samples are less than or equal to it.
 *
 * @param count samples
 * @param p50   median, in the samples' unit
 * @param p95   95th percentile (NaN where a report did not take it)
 * @param p99   99th percentile
 * @param max   largest sample
 */
record Percentiles(int count, double p50, double p95, double p99, double max) {

    /** Percentiles without the 95th. */
    Percentiles(int count, double p50, double p99, double max) {
        this(count, p50, Double.NaN, p99, max);
    }

    static Percentiles of(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples to take percentiles of");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new Percentiles(
                sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99), sorted[sorted.length - 1]);
    }

    /** The nearest-rank percentile {@code p} (0 < p <= 100) of ascending {@code sorted}. */
    static double rank(double[] sorted, double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
