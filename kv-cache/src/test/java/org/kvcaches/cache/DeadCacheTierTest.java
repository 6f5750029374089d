package org.kvcaches.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.tck.fault.FaultProxy;
import org.kvcaches.testservers.RedisServerProcess;

/**
 * A dead cache tier degrades the chain to its store: with the Redis tier black-holed by a TCP proxy,
 * {@code heap | redis?timeout=200ms | file} keeps answering every read, and once the tier's breaker
 * is open a read costs the store's time, not a Redis timeout, but for one probe per interval.
 */
class DeadCacheTierTest {
    @TempDir
    Path folder;

    @Test
    void aBlackHoledRedisTierIsSkippedOnceItsBreakerOpensAndNoReadFails() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.startOnFreePort(false);
             FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", redis.port()));
             KeyValueStore chain = KeyValueStores.open("heap://?maxEntries=1 | redis://127.0.0.1:" + proxy.port()
                     + "/0?prefix=dead:&timeout=200ms | " + folder.toUri())) {
            int keys = 50;
            for (int k = 0; k < keys; k++) {
                chain.put("k" + k, new byte[] {(byte) k});
            }
            proxy.blackHole();
            CacheDecorator redisTier = (CacheDecorator) ((CacheDecorator) chain).backingStore();
            List<Long> micros = new ArrayList<>();
            long start = System.nanoTime();
            int reads = 0;
            while (System.nanoTime() - start < Duration.ofSeconds(4).toNanos()) {
                int k = reads++ % keys;
                long t = System.nanoTime();
                assertArrayEquals(new byte[] {(byte) k}, chain.get("k" + k), "every read is served while the tier is dead");
                micros.add((System.nanoTime() - t) / 1000);
            }
            assertEquals(BreakerState.OPEN, redisTier.breakerState(), "the dead tier's breaker is open");
            CacheStats stats = redisTier.stats();
            List<Long> afterOpen = new ArrayList<>(micros.subList(Math.min(micros.size(), 10), micros.size()));
            afterOpen.sort(null);
            long slow = afterOpen.stream().filter(m -> m > 100_000).count();
            System.out.printf("[dead-tier] %d reads in 4 s with Redis black-holed; after the first 10: p50 %d us, p99 %d us,"
                    + " %d reads over 100 ms (probes); breaker opened %d times, %d calls skipped%n", micros.size(),
                    afterOpen.get(afterOpen.size() / 2), afterOpen.get((int) ((afterOpen.size() - 1) * 0.99)), slow,
                    stats.breakerOpenedCount(), stats.breakerSkipCount());
            List<Long> bare = new ArrayList<>();
            try (KeyValueStore file = KeyValueStores.open(folder.toUri().toString())) {
                for (int i = 0; i < afterOpen.size(); i++) {
                    long t = System.nanoTime();
                    file.get("k" + i % keys);
                    bare.add((System.nanoTime() - t) / 1000);
                }
            }
            bare.sort(null);
            System.out.printf("[dead-tier] the bare file: store over the same reads: p50 %d us, p99 %d us%n", bare.get(bare.size() / 2),
                    bare.get((int) ((bare.size() - 1) * 0.99)));
            assertTrue(slow <= 8, "after the breaker opened, at most about one slow read per probe interval, not " + slow);
            proxy.heal();
            long healed = System.nanoTime();
            for (int i = 0; redisTier.breakerState() != BreakerState.CLOSED
                    && System.nanoTime() - healed < Duration.ofSeconds(20).toNanos(); i++) {
                chain.get("k" + i % keys); // misses in the one-entry heap tier reach the Redis tier
                Thread.sleep(5);
            }
            assertEquals(BreakerState.CLOSED, redisTier.breakerState(), () -> "a probe closes the breaker once the tier answers again: " + redisTier.stats());
        }
    }

    @Test
    void aChainOpensWhileItsCacheTierIsDownAndUsesTheTierOnceItIsUp() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.startOnFreePort(false)) {
            redis.stop();
            String uri = "heap://?maxEntries=1 | redis://127.0.0.1:" + redis.port() + "/0?prefix=down:&timeout=200ms&cache.probeInterval=100ms | "
                    + folder.toUri();
            try (KeyValueStore chain = KeyValueStores.open(uri)) {
                CacheDecorator redisTier = (CacheDecorator) ((CacheDecorator) chain).backingStore();
                assertEquals(BreakerState.OPEN, redisTier.breakerState(), "a tier that is down when the chain opens starts skipped");
                chain.put("a", new byte[] {1});
                chain.put("b", new byte[] {2});
                assertArrayEquals(new byte[] {1}, chain.get("a"), "the chain works from the store");
                redis.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                for (int i = 0; redisTier.breakerState() != BreakerState.CLOSED && System.nanoTime() < deadline; i++) {
                    chain.get(i % 2 == 0 ? "a" : "b");
                    Thread.sleep(20);
                }
                assertEquals(BreakerState.CLOSED, redisTier.breakerState(), "a probe closes the breaker once Redis is up");
            }
        }
    }

    @Test
    void aSlowRedisTierIsSkippedOnceItsBreakerOpens() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.startOnFreePort(false);
             FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", redis.port()));
             KeyValueStore chain = KeyValueStores.open("heap://?maxEntries=1 | redis://127.0.0.1:" + proxy.port()
                     + "/0?prefix=slow: | " + folder.toUri())) {
            int keys = 50;
            for (int k = 0; k < keys; k++) {
                chain.put("k" + k, new byte[] {(byte) k});
            }
            proxy.latency(Duration.ofMillis(50));
            CacheDecorator redisTier = (CacheDecorator) ((CacheDecorator) chain).backingStore();
            List<Long> micros = new ArrayList<>();
            long start = System.nanoTime();
            for (int reads = 0; System.nanoTime() - start < Duration.ofSeconds(3).toNanos(); reads++) {
                long t = System.nanoTime();
                assertArrayEquals(new byte[] {(byte) (reads % keys)}, chain.get("k" + reads % keys));
                micros.add((System.nanoTime() - t) / 1000);
            }
            assertEquals(BreakerState.OPEN, redisTier.breakerState(), "calls over the read deadline opened the breaker");
            List<Long> sorted = new ArrayList<>(micros);
            sorted.sort(null);
            long slow = micros.stream().filter(m -> m > 40_000).count();
            System.out.printf("[slow-tier] Redis slowed to 50 ms per packet: %d reads in 3 s, p50 %d us, p99 %d us, %d reads over"
                    + " 40 ms (before the breaker opened, and probes), slowest %d us; %d reads past the read deadline%n", micros.size(),
                    sorted.get(sorted.size() / 2), sorted.get((int) ((sorted.size() - 1) * 0.99)), slow, sorted.get(sorted.size() - 1),
                    redisTier.stats().deadlineFallbackCount());
            // Counted by the tier, not by the wall clock: a loaded machine stalls reads of the file store too.
            long late = redisTier.stats().deadlineFallbackCount() + redisTier.stats().slowCallCount();
            assertTrue(late <= 12, "a slow tier is met only until the breaker opens (5 calls) and once per probe (about 3), not "
                    + late + " times");
        }
    }
}
