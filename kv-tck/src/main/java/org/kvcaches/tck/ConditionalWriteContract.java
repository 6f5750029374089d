package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kvcaches.tck.TestValues.bytes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyValueStore;

/** {@code putIfAbsent} and {@code compareAndSet}, alone and in races with exactly one winner. */
public interface ConditionalWriteContract extends StoreContract {
    /** Threads in each race. */
    int RACERS = 8;

    @Test
    @Requires(Capability.PUT_IF_ABSENT)
    default void putIfAbsentWritesOnlyWhenAbsent(KeyValueStore store) {
        assertTrue(store.putIfAbsent("k", bytes("first")));
        assertFalse(store.putIfAbsent("k", bytes("second")));
        assertArrayEquals(bytes("first"), store.get("k"));
        store.delete("k");
        assertTrue(store.putIfAbsent("k", bytes("third")));
        assertArrayEquals(bytes("third"), store.get("k"));
    }

    @Test
    @Requires({Capability.PUT_IF_ABSENT, Capability.TTL})
    default void putIfAbsentWithTtlExpires(KeyValueStore store) throws InterruptedException {
        assertTrue(store.putIfAbsent("lease", bytes("marker"), Duration.ofMillis(300)));
        assertFalse(store.putIfAbsent("lease", bytes("other"), Duration.ofMillis(300)));
        long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (store.contains("lease") && System.nanoTime() < deadline) {
            Thread.sleep(25);
        }
        assertTrue(store.putIfAbsent("lease", bytes("next")), "an expired value counts as absent");
    }

    @Test
    @Requires(Capability.PUT_IF_ABSENT)
    default void putIfAbsentRaceHasExactlyOneWinner(KeyValueStore store) throws Exception {
        for (int round = 0; round < TestValues.repetitions(); round++) {
            String key = "race/" + round;
            List<byte[]> values = new ArrayList<>();
            List<Callable<Boolean>> racers = new ArrayList<>();
            for (int t = 0; t < RACERS; t++) {
                byte[] mine = bytes("racer-" + t);
                values.add(mine);
                racers.add(() -> store.putIfAbsent(key, mine));
            }
            List<Boolean> results = race(racers);
            int winner = results.indexOf(true);
            assertEquals(1, results.stream().filter(b -> b).count(), "round " + round + ": " + results);
            assertArrayEquals(values.get(winner), store.get(key), "the winner's value is stored");
        }
    }

    @Test
    @Requires(Capability.COMPARE_AND_SET)
    default void compareAndSetReplacesOnlyTheExpectedValue(KeyValueStore store) {
        assertFalse(store.compareAndSet("k", bytes("a"), bytes("b")), "an absent key never matches");
        assertFalse(store.contains("k"));
        store.put("k", bytes("a"));
        assertFalse(store.compareAndSet("k", bytes("x"), bytes("b")));
        assertFalse(store.compareAndSet("k", bytes("a "), bytes("b")), "a prefix or longer value does not match");
        assertArrayEquals(bytes("a"), store.get("k"));
        assertTrue(store.compareAndSet("k", bytes("a"), bytes("b")));
        assertArrayEquals(bytes("b"), store.get("k"));
    }

    @Test
    @Requires(Capability.COMPARE_AND_SET)
    default void compareAndSetComparesBinaryValues(KeyValueStore store) {
        byte[] all = TestValues.allByteValues();
        store.put("k", all);
        byte[] almost = all.clone();
        almost[0] = 1;
        assertFalse(store.compareAndSet("k", almost, new byte[0]));
        assertTrue(store.compareAndSet("k", all, new byte[0]));
        assertArrayEquals(new byte[0], store.get("k"));
        assertTrue(store.compareAndSet("k", new byte[0], bytes("x")), "an empty value matches an empty expectation");
    }

    @Test
    @Requires({Capability.COMPARE_AND_SET, Capability.TTL})
    default void compareAndSetWithTtlExpires(KeyValueStore store) throws InterruptedException {
        store.put("k", bytes("a"));
        assertTrue(store.compareAndSet("k", bytes("a"), bytes("b"), Duration.ofMillis(300)));
        long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (store.contains("k") && System.nanoTime() < deadline) {
            Thread.sleep(25);
        }
        assertFalse(store.contains("k"));
    }

    @Test
    @Requires(Capability.COMPARE_AND_SET)
    default void compareAndSetRaceHasExactlyOneWinner(KeyValueStore store) throws Exception {
        for (int round = 0; round < TestValues.repetitions(); round++) {
            String key = "cas/" + round;
            store.put(key, bytes("start"));
            List<Callable<Boolean>> racers = new ArrayList<>();
            for (int t = 0; t < RACERS; t++) {
                byte[] mine = bytes("racer-" + t);
                racers.add(() -> store.compareAndSet(key, bytes("start"), mine));
            }
            List<Boolean> results = race(racers);
            assertEquals(1, results.stream().filter(b -> b).count(), "round " + round + ": " + results);
            assertArrayEquals(bytes("racer-" + results.indexOf(true)), store.get(key));
        }
    }

    @Test
    @Requires(Capability.COMPARE_AND_SET)
    default void compareAndSetCounterLosesNoIncrement(KeyValueStore store) throws Exception {
        store.put("counter", bytes("0"));
        int threads = 4;
        int increments = 25;
        List<Callable<Boolean>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(() -> {
                for (int i = 0; i < increments; i++) {
                    boolean done = false;
                    for (int attempt = 0; attempt < 10_000 && !done; attempt++) {
                        byte[] current = store.get("counter");
                        byte[] next = bytes(Integer.toString(Integer.parseInt(new String(current, java.nio.charset.StandardCharsets.US_ASCII)) + 1));
                        done = store.compareAndSet("counter", current, next);
                    }
                    if (!done) {
                        throw new AssertionError("compareAndSet of the value just read failed 10000 times in a row");
                    }
                }
                return true;
            });
        }
        race(workers);
        assertArrayEquals(bytes(Integer.toString(threads * increments)), store.get("counter"));
    }

    /**
     * Starts every task at once and waits for all of them.
     *
     * @param tasks the racers
     * @return their results, in order
     * @throws Exception the first failure
     */
    private static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
