package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.kvcaches.tck.TestValues.bytes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.KeyValueStore;

/** Many threads on one store. */
public interface ConcurrencyContract extends StoreContract {
    /** Writer threads. */
    int THREADS = 8;
    /** Keys each writer writes per repetition. */
    int KEYS_PER_THREAD = 25;

    @Test
    default void threadsWritingDistinctKeysAreAllListed(KeyValueStore store) throws Exception {
        int rounds = TestValues.repetitions();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        Set<String> expected = new HashSet<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                for (int r = 0; r < rounds; r++) {
                    for (int i = 0; i < KEYS_PER_THREAD; i++) {
                        expected.add("t" + thread + "/r" + r + "/" + i);
                    }
                }
                futures.add(pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        for (int i = 0; i < KEYS_PER_THREAD; i++) {
                            String key = "t" + thread + "/r" + r + "/" + i;
                            store.put(key, bytes(key));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(90, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Listings.assertListsExactly(expected, Listings.keys(store, ""), "keys(\"\") after " + THREADS + " threads wrote distinct keys");
        for (String key : expected) {
            assertArrayEquals(bytes(key), store.get(key), "the value of key " + key + " written by one of " + THREADS + " threads");
        }
    }

    @Test
    default void concurrentReadersAndWritersOfDifferentKeysDoNotInterfere(KeyValueStore store) throws Exception {
        for (int i = 0; i < 20; i++) {
            store.put("stable/" + i, bytes("stable " + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50 * TestValues.repetitions(); i++) {
                        store.put("churn/" + thread + "/" + (i % 10), bytes("v" + i));
                        store.delete("churn/" + thread + "/" + ((i + 5) % 10));
                    }
                    return null;
                }));
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50 * TestValues.repetitions(); i++) {
                        assertArrayEquals(bytes("stable " + (i % 20)), store.get("stable/" + (i % 20)), "a stable key read while two threads churn other keys");
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(90, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
