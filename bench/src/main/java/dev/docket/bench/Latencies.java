package dev.docket.bench;

import java.util.Arrays;

/** Recorded durations in nanoseconds, summarised as percentiles in milliseconds. */
final class Latencies {

    private long[] nanos = new long[1024];
    private int size;

    void add(long duration) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = duration;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            add(other.nanos[i]);
        }
    }

    int count() {
        return size;
    }

    /** The nearest-rank percentile ({@code p} in 0..100) in milliseconds; NaN when nothing was recorded. */
    double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }

    /** "p50 / p99" in milliseconds, two decimals. */
    String p50p99() {
        return String.format("%.2f / %.2f", percentileMillis(50), percentileMillis(99));
    }
}
