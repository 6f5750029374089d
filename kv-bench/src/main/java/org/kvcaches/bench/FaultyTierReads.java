package org.kvcaches.bench;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.spi.StoreUri;
import org.kvcaches.cache.BreakerState;
import org.kvcaches.cache.CacheDecorator;
import org.kvcaches.cache.CacheStats;
import org.kvcaches.tck.fault.FaultProxy;
import org.kvcaches.testservers.RedisTestServers;

/**
 * Read latency of {@code heap?maxEntries=1 | redis | file} while the Redis tier, reached through
 * {@link FaultProxy}, is healthy, black-holed or slowed to 50 ms per packet, against the bare
 * {@code file:} store over the same keys, in one run. The one-entry heap tier misses on every read,
 * so every read reaches the Redis tier's decorator: what a dead or slow tier costs a read is all
 * there is to see. For a faulty tier the clock starts once its breaker has opened (the issue's
 * target: p99 within 2x of the bare store's, plus at most one timeout per probe interval), and the
 * reads before are reported apart. One thread reads {@code KEYS} keys of 1 KiB round robin.
 *
 * <p>Run: {@code java -cp kv-bench/target/benchmarks.jar org.kvcaches.bench.FaultyTierReads [SECONDS]}
 * (default 5 per phase).
 */
public final class FaultyTierReads {
    private static final int KEYS = 50;

    private FaultyTierReads() {
    }

    /**
     * @param args seconds of reading per phase
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 5;
        Path folder = Files.createTempDirectory("kv-faulty-tier");
        String redis = RedisTestServers.standaloneUri();
        StoreUri server = StoreUri.parse(redis);
        byte[] value = new byte[1024];
        try (KeyValueStore file = KeyValueStores.open(folder.toUri().toString())) {
            for (int k = 0; k < KEYS; k++) {
                file.put("k" + k, value);
            }
            Duration phase = Duration.ofSeconds(seconds);
            report("bare file:", read(file, phase), null);
            run(folder, server, phase, "healthy", proxy -> { });
            run(folder, server, phase, "black-holed", FaultProxy::blackHole);
            run(folder, server, phase, "50 ms per packet", proxy -> proxy.latency(Duration.ofMillis(50)));
            report("bare file: (again)", read(file, phase), null);
        }
        System.exit(0);
    }

    private static void run(Path folder, StoreUri server, Duration phase, String fault, Consumer<FaultProxy> inject) throws Exception {
        try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress(server.host(), server.port()));
             KeyValueStore chain = KeyValueStores.open("heap://?maxEntries=1 | redis://127.0.0.1:" + proxy.port() + "/0?prefix=faulty"
                     + System.nanoTime() + ":&timeout=200ms | " + folder.toUri())) {
            CacheDecorator redisTier = (CacheDecorator) ((CacheDecorator) chain).backingStore();
            read(chain, Duration.ofSeconds(1)); // fills the Redis tier and warms up
            inject.accept(proxy);
            CacheStats before = redisTier.stats();
            long[] opening = new long[1000];
            int n = 0;
            long start = System.nanoTime();
            while (!"healthy".equals(fault) && redisTier.breakerState() == BreakerState.CLOSED && n < opening.length) {
                long t = System.nanoTime();
                chain.get("k" + n % KEYS);
                opening[n++] = System.nanoTime() - t;
            }
            if (n > 0) {
                System.out.printf("  %s: %d reads until the breaker opened, %.0f ms, slowest %.1f ms%n", fault, n,
                        (System.nanoTime() - start) / 1e6, Arrays.stream(opening, 0, n).max().orElse(0) / 1e6);
            }
            long[] nanos = read(chain, phase);
            report("chain, Redis " + fault + ":", nanos, redisTier.stats().minus(before));
        }
    }

    /** @return the time of each read of one thread over the phase, in nanoseconds */
    private static long[] read(KeyValueStore store, Duration phase) {
        long[] nanos = new long[1 << 16];
        int n = 0;
        long end = System.nanoTime() + phase.toNanos();
        for (long t = System.nanoTime(); t < end; ) {
            store.get("k" + n % KEYS);
            long now = System.nanoTime();
            if (n == nanos.length) {
                nanos = Arrays.copyOf(nanos, n * 2);
            }
            nanos[n++] = now - t;
            t = now;
        }
        return Arrays.copyOf(nanos, n);
    }

    private static void report(String what, long[] nanos, CacheStats stats) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        long over = Arrays.stream(sorted).filter(t -> t > 10_000_000).count();
        System.out.printf("%-36s %8d reads  p50 %7.1f us  p99 %7.1f us  p99.9 %8.1f us  max %8.1f ms  over 10 ms: %d%s%n", what, sorted.length,
                at(sorted, 0.50) / 1e3, at(sorted, 0.99) / 1e3, at(sorted, 0.999) / 1e3, sorted[sorted.length - 1] / 1e6, over,
                stats == null ? "" : String.format("  (tier: %d hits, %d skipped, %d past the deadline)", stats.hitCount(),
                        stats.breakerSkipCount(), stats.deadlineFallbackCount()));
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[(int) ((sorted.length - 1) * quantile)];
    }
}
