package org.kvcaches.cli;

/**
 * A histogram of latencies in nanoseconds with log-linear buckets: exact below 128 ns, then 64
 * buckets per power of two, so a percentile is off by at most 1/64 (1.6%) of its value. A fixed
 * 29 KiB whatever the number of samples. Not thread-safe: each thread records into its own and
 * they are merged at the end.
 */
final class LatencyRecorder {
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    /** Enough buckets for any positive long: exponents up to 62. */
    private static final int BUCKETS = (62 - SUB_BITS + 2) * SUB;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long sum;
    private long max;

    void record(long nanos) {
        long value = Math.max(0, nanos);
        counts[index(value)]++;
        count++;
        sum += value;
        max = Math.max(max, value);
    }

    void add(LatencyRecorder other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        max = Math.max(max, other.max);
    }

    long count() {
        return count;
    }

    long max() {
        return max;
    }

    long mean() {
        return count == 0 ? 0 : sum / count;
    }

    /**
     * @param quantile from 0 to 1, e.g. 0.999
     * @return the latency that {@code quantile} of the samples do not exceed (the top of its bucket,
     *     capped at the largest sample), or 0 without samples
     */
    long percentile(double quantile) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(highest(i), max);
            }
        }
        return max;
    }

    static int index(long value) {
        if (value < 2 * SUB) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        int shift = exponent - SUB_BITS;
        int mantissa = (int) ((value >>> shift) & (SUB - 1));
        return (shift + 1) * SUB + mantissa;
    }

    /** @return the largest value that falls into bucket {@code index} */
    static long highest(int index) {
        if (index < 2 * SUB) {
            return index;
        }
        int shift = index / SUB - 1;
        long lowest = (long) (SUB + index % SUB) << shift;
        return lowest + (1L << shift) - 1;
    }
}
