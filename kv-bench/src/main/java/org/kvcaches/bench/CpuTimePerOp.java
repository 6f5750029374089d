package org.kvcaches.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Variants of one operation measured in alternation on one thread, as CPU time per operation (user
 * and system time of the thread; time it was descheduled does not count), so that a busy machine,
 * which makes separate JMH runs minutes apart disagree by several times, slows every variant alike.
 */
final class CpuTimePerOp {
    private CpuTimePerOp() {
    }

    /**
     * @param variants the operations; each returns a number the measurement adds up, so that the JIT
     *     cannot drop the work
     * @param opsPerSlice how many operations one variant runs before the next one's turn
     * @param warmRounds unmeasured rounds first
     * @param rounds measured rounds; the order of the variants rotates from round to round
     * @return the median over rounds of each variant's CPU nanoseconds per operation
     */
    static double[] medians(LongSupplier[] variants, int opsPerSlice, int warmRounds, int rounds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int warm = 0; warm < warmRounds; warm++) {
            for (LongSupplier variant : variants) {
                sink += slice(variant, opsPerSlice);
            }
        }
        double[][] nanosPerOp = new double[variants.length][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int v = 0; v < variants.length; v++) {
                int variant = (v + round) % variants.length;
                long start = threads.getCurrentThreadCpuTime();
                sink += slice(variants[variant], opsPerSlice);
                nanosPerOp[variant][round] = (double) (threads.getCurrentThreadCpuTime() - start) / opsPerSlice;
            }
        }
        double[] medians = new double[variants.length];
        for (int v = 0; v < variants.length; v++) {
            double[] sorted = nanosPerOp[v].clone();
            Arrays.sort(sorted);
            medians[v] = sorted[rounds / 2];
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
