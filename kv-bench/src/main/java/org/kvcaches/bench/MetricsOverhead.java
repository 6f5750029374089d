package org.kvcaches.bench;

import java.util.function.LongSupplier;

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
            LongSupplier[] reads = {() -> chains.hitBare().length, () -> chains.hitTimedChain().length,
                () -> chains.hitTimedChainEveryRead().length, () -> chains.hitTimedTiers().length};
            double[] nanosPerRead = Alternation.medians(reads, READS_PER_SLICE, 50, rounds)[Alternation.CPU];
            for (int v = 0; v < reads.length; v++) {
                System.out.printf("%-14s %8.1f ns CPU per read (median of %d rounds)  %.3fx%n", names[v], nanosPerRead[v], rounds,
                        nanosPerRead[v] / nanosPerRead[0]);
            }
        } finally {
            chains.tearDown();
        }
    }
}
