package org.kvcaches.bench;

import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * {@link RedisBenchmark}'s one-thread reads of one value size (a raw GET on a plain connection and
 * through the pooled client, the store's get, and a warm hit through {@code redis | file}) measured
 * in alternation ({@link Alternation}), for a machine too busy for separate JMH runs to compare:
 * {@code java -cp kv-bench/target/benchmarks.jar org.kvcaches.bench.RedisHitCost [valueSize] [rounds]}.
 */
public final class RedisHitCost {
    private static final int READS_PER_SLICE = 500;

    private RedisHitCost() {
    }

    /**
     * @param args the value size in bytes (default 65536) and the number of measured rounds (default 40)
     * @throws IOException when the chain's temp folder cannot be made or removed
     */
    public static void main(String[] args) throws IOException {
        RedisBenchmark reads = new RedisBenchmark();
        reads.valueSize = args.length > 0 ? Integer.parseInt(args[0]) : 65536;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        reads.setUp(1);
        RedisBenchmark.Chain chain = new RedisBenchmark.Chain();
        RedisBenchmark.ThreadConnection connection = new RedisBenchmark.ThreadConnection();
        try {
            chain.setUp(reads);
            connection.setUp();
            String[] names = {"rawThreadGet", "rawGet", "storeGet", "chainHit"};
            LongSupplier[] variants = {() -> reads.rawThreadGet(connection).length, () -> reads.rawGet().length,
                () -> reads.storeGet().length, () -> reads.chainHit(chain).length};
            double[][] nanos = Alternation.medians(variants, READS_PER_SLICE, 5, rounds);
            for (int v = 0; v < variants.length; v++) {
                System.out.printf("%-13s %8.0f ns wall per read %.3fx of storeGet's time   %7.0f ns CPU %.3fx%n", names[v],
                        nanos[Alternation.WALL][v], nanos[Alternation.WALL][v] / nanos[Alternation.WALL][2],
                        nanos[Alternation.CPU][v], nanos[Alternation.CPU][v] / nanos[Alternation.CPU][2]);
            }
        } finally {
            connection.tearDown();
            chain.tearDown();
            reads.tearDown();
        }
    }
}
