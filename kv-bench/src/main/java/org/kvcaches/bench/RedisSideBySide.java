package org.kvcaches.bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import org.kvcaches.api.spi.StoreUri;
import org.kvcaches.testservers.RedisTestServers;

/**
 * One connection's puts and gets through the store and through a plain Jedis connection, side by
 * side with {@code redis-benchmark -c 1} (Redis's own C client) against the same server, in
 * alternating slices whose order rotates: on a machine where a one-connection round trip swings by
 * several times from minute to minute, separate runs cannot be compared, alternating slices can.
 * {@code java -cp kv-bench/target/benchmarks.jar org.kvcaches.bench.RedisSideBySide [valueSize] [rounds]}.
 */
public final class RedisSideBySide {
    private static final int OPS_PER_SLICE = 4000;

    private RedisSideBySide() {
    }

    /**
     * @param args the value size in bytes (default 1024) and the number of measured rounds (default 15)
     * @throws IOException when {@code redis-benchmark} cannot run
     */
    public static void main(String[] args) throws IOException {
        RedisBenchmark bench = new RedisBenchmark();
        bench.valueSize = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        bench.setUp(1);
        RedisBenchmark.ThreadConnection connection = new RedisBenchmark.ThreadConnection();
        StoreUri uri = StoreUri.parse(RedisTestServers.standaloneUri());
        try {
            connection.setUp();
            String[] names = {"store put", "Jedis put", "redis-benchmark SET", "store get", "Jedis get", "redis-benchmark GET"};
            double[][] rates = new double[names.length][rounds];
            for (int round = -2; round < rounds; round++) {
                for (int i = 0; i < 3; i++) {
                    int variant = (i + Math.max(0, round)) % 3;
                    double[] put = slice(bench, connection, uri, variant, true);
                    double[] get = slice(bench, connection, uri, variant, false);
                    if (round >= 0) {
                        rates[variant][round] = put[0];
                        rates[3 + variant][round] = get[0];
                    }
                }
            }
            double[] medians = new double[names.length];
            for (int v = 0; v < names.length; v++) {
                Arrays.sort(rates[v]);
                medians[v] = rates[v][rounds / 2];
            }
            for (int v = 0; v < names.length; v++) {
                double c = medians[v < 3 ? 2 : 5];
                System.out.printf("%-20s %9.0f ops/s  %.3fx of redis-benchmark -c 1 (median of %d rounds, %d-byte values)%n",
                        names[v], medians[v], medians[v] / c, rounds, bench.valueSize);
            }
        } finally {
            connection.tearDown();
            bench.tearDown();
        }
    }

    /** @return the slice's operations per second, in a one-element array */
    private static double[] slice(RedisBenchmark bench, RedisBenchmark.ThreadConnection connection, StoreUri uri, int variant, boolean put)
            throws IOException {
        if (variant == 2) {
            Map<String, Double> rates = RedisBenchmark.redisBenchmarkRates(uri, 1, bench.valueSize, OPS_PER_SLICE, put ? "set" : "get");
            return new double[] {rates.getOrDefault(put ? "SET" : "GET", Double.NaN)};
        }
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < OPS_PER_SLICE; i++) {
            if (put) {
                if (variant == 0) {
                    bench.storePut();
                } else {
                    sink += bench.rawThreadPut(connection).length();
                }
            } else {
                sink += variant == 0 ? bench.storeGet().length : bench.rawThreadGet(connection).length;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new double[] {sink >= 0 ? OPS_PER_SLICE / seconds : 0};
    }
}
