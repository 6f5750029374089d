package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kvcaches.tck.TestValues.bytes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
        try (Stream<String> keys = store.keys("")) {
            List<String> listed = keys.collect(Collectors.toList());
            assertEquals(expected.size(), listed.size());
            assertEquals(expected, new HashSet<>(listed));
        }
        for (String key : expected) {
            assertArrayEquals(bytes(key), store.get(key));
        }
    }

    @Test
    default void listingDuringWritesGivesEveryStableKeyExactlyOnce(KeyValueStore store, StoreFixture fixture) throws Exception {
        int page = fixture.listingPageSize() > 0 ? fixture.listingPageSize() : 100;
        int stable = Math.min(2 * page + 1, 2001);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < stable; i++) {
            expected.add("list/stable/" + i);
            store.put("list/stable/" + i, bytes("v"));
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger churned = new AtomicInteger();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // Keys that sort before the stable ones come and go in bursts of 50 while the listing pages
            // through them, so a listing that pages by position skips or repeats stable keys.
            Future<?> churn = pool.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String key = "list/churn/" + (i % 50);
                    if ((i / 50) % 2 == 0) {
                        store.put(key, bytes("v"));
                    } else {
                        store.delete(key);
                    }
                    churned.incrementAndGet();
                }
                return null;
            });
            while (churned.get() < 100 && !churn.isDone()) {
                Thread.onSpinWait();
            }
            for (int round = 0; round < 10 * TestValues.repetitions(); round++) {
                List<String> listed;
                try (Stream<String> keys = store.keys("list/")) {
                    listed = keys.collect(Collectors.toList());
                }
                assertEquals(listed.size(), new HashSet<>(listed).size(), "round " + round + ": a key was listed twice");
                Set<String> missing = new HashSet<>(expected);
                listed.forEach(missing::remove);
                assertTrue(missing.isEmpty(), "round " + round + ": keys present throughout were not listed: " + missing);
            }
            stop.set(true);
            churn.get(60, TimeUnit.SECONDS);
        } finally {
            stop.set(true);
            pool.shutdownNow();
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
                        assertArrayEquals(bytes("stable " + (i % 20)), store.get("stable/" + (i % 20)));
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
