package org.kvcaches.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * {@link MetricsBenchmark}'s four reads measured in alternation on one thread, as CPU time per read
 * (time the thread was descheduled does not count), so that a busy machine, which makes separate JMH
 * runs minutes apart disagree by several times, slows all four alike. Prints the median over rounds
 * of each variant's CPU nanoseconds per read and the ratios to the bare chain:
 * {@code java -cp kv-bench/target/benchmarks.jar org.kvcaches.bench.MetricsOverhead [rounds]}.
 */
public final class MetricsOverhead {
    private static final int READS_PER_SLICE = 20_000;

    private MetricsOverhead() {
    }

    /**
     * @param args the number of measured rounds (default 60)
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        MetricsBenchmark chains = new MetricsBenchmark();
        chains.setUp();
        try {
            String[] names = {"hitBare", "hitTimedChain", "hitTimedEvery", "hitTimedTiers"};
            @SuppressWarnings("unchecked")
            Supplier<byte[]>[] reads = new Supplier[] {chains::hitBare, chains::hitTimedChain, chains::hitTimedChainEveryRead,
                chains::hitTimedTiers};
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long sink = 0;
            for (int warm = 0; warm < 50; warm++) {
                for (Supplier<byte[]> read : reads) {
                    sink += slice(read);
                }
            }
            double[][] nanosPerRead = new double[reads.length][rounds];
            for (int round = 0; round < rounds; round++) {
                for (int v = 0; v < reads.length; v++) {
                    int variant = (v + round) % reads.length;     // rotate the order, so no variant always goes first
                    long start = threads.getCurrentThreadCpuTime();
                    sink += slice(reads[variant]);
                    nanosPerRead[variant][round] = (double) (threads.getCurrentThreadCpuTime() - start) / READS_PER_SLICE;
                }
            }
            double bare = median(nanosPerRead[0]);
            for (int v = 0; v < reads.length; v++) {
                double median = median(nanosPerRead[v]);
                System.out.printf("%-14s %8.1f ns CPU per read (median of %d rounds)  %.3fx%n", names[v], median, rounds, median / bare);
            }
            System.out.println("(checksum " + sink + ")");
        } finally {
            chains.tearDown();
        }
    }

    private static long slice(Supplier<byte[]> read) {
        long bytes = 0;
        for (int i = 0; i < READS_PER_SLICE; i++) {
            bytes += read.get().length;
        }
        return bytes;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
