package org.kvcaches.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.spi.ChangeNotifier;
import org.kvcaches.cache.CacheDecorator;
import org.kvcaches.tck.cache.ControlledStore;
import org.kvcaches.testservers.RedisTestServers;

/**
 * A hot-key invalidation burst, with and without the cross-process lease wait: {@code CHAINS}
 * independent {@code heap | redis | store} chains (each with its own heap tier, Redis connections,
 * single flight and lease tokens, as separate processes have; they share only the JVM) miss one hot
 * key at once from {@code THREADS} threads each, right after a write invalidated it, {@code BURSTS}
 * times. The store takes {@code LATENCY} per read and counts its reads. Prints the authority reads
 * and the read latency percentiles of both runs. The real-process proof of the same behaviour is
 * kv-cache's {@code CrossProcessSingleFlightTest}.
 *
 * <p>Run: {@code java -cp kv-bench/target/benchmarks.jar org.kvcaches.bench.HotKeyBurst [CHAINS]
 * [THREADS] [BURSTS] [LATENCY_MS]} (default 16 4 20 50).
 */
public final class HotKeyBurst {
    private HotKeyBurst() {
    }

    /**
     * @param args chains, threads per chain, bursts, store latency in milliseconds
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        int chains = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int bursts = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        long latency = args.length > 3 ? Long.parseLong(args[3]) : 50;
        System.out.printf("hot-key burst: %d chains x %d threads, %d bursts, store read %d ms%n", chains, threads, bursts, latency);
        for (boolean wait : new boolean[] {false, true}) {
            run(chains, threads, bursts, latency, wait);
        }
        System.exit(0);
    }

    private static void run(int chains, int threads, int bursts, long latency, boolean wait) throws Exception {
        String redis = RedisTestServers.standaloneUri() + "/0?prefix=burst-" + System.nanoTime() + ":";
        ControlledStore store = ControlledStore.wrap(KeyValueStores.open("mem:"));
        store.latency(Duration.ofMillis(latency), Duration.ofMillis(latency));
        List<KeyValueStore> opened = new ArrayList<>();
        for (int c = 0; c < chains; c++) {
            KeyValueStore redisTier = KeyValueStores.open(redis);
            CacheDecorator middle = CacheDecorator.builder(redisTier, store.sharing()).leaseWait(wait ? Duration.ofSeconds(1) : Duration.ZERO)
                    .build();
            opened.add(CacheDecorator.builder(KeyValueStores.open("heap:"), middle).announceThrough((ChangeNotifier) redisTier).build());
        }
        Thread.sleep(500); // the heap tiers' notification links come up
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        int readsBefore = store.reads("hot");
        for (int b = 0; b < bursts; b++) {
            opened.get(0).put("hot", ("v" + b).getBytes());
            Thread.sleep(20); // the announcement reaches every chain
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> readers = new ArrayList<>();
            for (KeyValueStore chain : opened) {
                for (int t = 0; t < threads; t++) {
                    Thread reader = new Thread(() -> {
                        try {
                            start.await();
                            long began = System.nanoTime();
                            chain.get("hot");
                            micros.add((System.nanoTime() - began) / 1000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    reader.start();
                    readers.add(reader);
                }
            }
            start.countDown();
            for (Thread reader : readers) {
                reader.join();
            }
        }
        int authorityReads = store.reads("hot") - readsBefore;
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        System.out.printf("  %-22s authority reads %5d (%.2f per burst), read p50 %6.1f ms, p99 %6.1f ms, max %6.1f ms%n",
                wait ? "with the lease wait:" : "without the wait:", authorityReads, authorityReads / (double) bursts,
                sorted.get(sorted.size() / 2) / 1000.0, sorted.get((int) ((sorted.size() - 1) * 0.99)) / 1000.0,
                sorted.get(sorted.size() - 1) / 1000.0);
        opened.forEach(KeyValueStore::close);
    }
}
