package org.kvcaches.cache.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.spi.ChangeNotifier;
import org.kvcaches.cache.CacheDecorator;
import org.kvcaches.cache.CacheStats;
import org.kvcaches.tck.cache.ControlledStore;

/**
 * The chain {@code heap | redis | file} of one process, built as the tier composer builds it, but
 * with a file store that answers reads only after a delay and counts them, so that concurrent misses
 * from several processes overlap and the store reads they cause can be counted.
 */
final class SlowChain {
    private final ControlledStore store;
    private final CacheDecorator redisTier;
    private final KeyValueStore chain;

    private SlowChain(ControlledStore store, CacheDecorator redisTier, KeyValueStore chain) {
        this.store = store;
        this.redisTier = redisTier;
        this.chain = chain;
    }

    /**
     * @param uris the Redis tier's URI and the folder's, separated by {@code |}
     * @param latencyMillis how long each store read takes
     * @param leaseWait how long a miss waits for another process's fill
     * @return the chain
     */
    static SlowChain open(String uris, long latencyMillis, Duration leaseWait) {
        String[] parts = uris.split("\\|");
        KeyValueStore redis = KeyValueStores.open(parts[0]);
        ControlledStore store = ControlledStore.wrap(KeyValueStores.open(parts[1]));
        store.latency(Duration.ofMillis(latencyMillis), Duration.ofMillis(latencyMillis));
        CacheDecorator redisTier = CacheDecorator.builder(redis, store).leaseWait(leaseWait).build();
        KeyValueStore chain = CacheDecorator.builder(KeyValueStores.open("heap:"), redisTier)
                .announceThrough((ChangeNotifier) redis).build();
        return new SlowChain(store, redisTier, chain);
    }

    KeyValueStore chain() {
        return chain;
    }

    /** Reads the key from many threads at once; reports this process's store reads and waits. */
    String burst(String key, int threads) throws InterruptedException {
        CacheStats before = redisTier.stats();
        int readsBefore = store.reads(key);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> readers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    chain.get(key);
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            t.start();
            readers.add(t);
        }
        long began = System.nanoTime();
        start.countDown();
        for (Thread t : readers) {
            t.join();
        }
        long millis = (System.nanoTime() - began) / 1_000_000;
        if (!failures.isEmpty()) {
            return "error " + failures.get(0);
        }
        CacheStats d = redisTier.stats().minus(before);
        return "burst reads=" + (store.reads(key) - readsBefore) + " waits=" + d.leaseWaitCount() + " waitHits=" + d.leaseWaitHitCount()
                + " millis=" + millis;
    }
}
