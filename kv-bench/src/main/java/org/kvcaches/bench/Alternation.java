package org.kvcaches.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Variants of one operation measured in alternation on one thread, in short slices whose order
 * rotates, so that a busy machine, which makes separate JMH runs minutes apart disagree by several
 * times, slows every variant alike. Each slice is timed twice: CPU time of the thread (user and
 * system; time it was descheduled does not count) and wall time (which counts a server's work).
 */
final class Alternation {
    /** Row of {@link #medians}' result holding CPU time. */
    static final int CPU = 0;
    /** Row of {@link #medians}' result holding wall time. */
    static final int WALL = 1;

    private Alternation() {
    }

    /**
     * @param variants the operations; each returns a number the measurement adds up, so that the JIT
     *     cannot drop the work
     * @param opsPerSlice how many operations one variant runs before the next one's turn
     * @param warmRounds unmeasured rounds first
     * @param rounds measured rounds; the order of the variants rotates from round to round
     * @return the median over rounds of each variant's nanoseconds per operation: CPU time in row
     *     {@link #CPU}, wall time in row {@link #WALL}
     */
    static double[][] medians(LongSupplier[] variants, int opsPerSlice, int warmRounds, int rounds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int warm = 0; warm < warmRounds; warm++) {
            for (LongSupplier variant : variants) {
                sink += slice(variant, opsPerSlice);
            }
        }
        double[][][] nanosPerOp = new double[2][variants.length][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int v = 0; v < variants.length; v++) {
                int variant = (v + round) % variants.length;
                long cpu = threads.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                sink += slice(variants[variant], opsPerSlice);
                nanosPerOp[WALL][variant][round] = (double) (System.nanoTime() - wall) / opsPerSlice;
                nanosPerOp[CPU][variant][round] = (double) (threads.getCurrentThreadCpuTime() - cpu) / opsPerSlice;
            }
        }
        double[][] medians = new double[2][variants.length];
        for (int clock = CPU; clock <= WALL; clock++) {
            for (int v = 0; v < variants.length; v++) {
                double[] sorted = nanosPerOp[clock][v].clone();
                Arrays.sort(sorted);
                medians[clock][v] = sorted[rounds / 2];
            }
        }
        System.out.println("(checksum " + sink + ")");
        return medians;
    }

    private static long slice(LongSupplier variant, int ops) {
        long sum = 0;
        for (int i = 0; i < ops; i++) {
            sum += variant.getAsLong();
        }
        return sum;
    }
}
