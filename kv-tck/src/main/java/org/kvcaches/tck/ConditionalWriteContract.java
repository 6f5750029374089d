package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kvcaches.tck.TestValues.bytes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyValueStore;

/** {@code putIfAbsent} and {@code compareAndSet}, alone and in races with exactly one winner. */
public interface ConditionalWriteContract extends StoreContract {
    /** Threads in each race. */
    int RACERS = 8;
    /** Keys each round of a compare-and-set race goes through, each racer in the same order. */
    int KEYS_PER_RACE = 20;
    /** How long each round of a put-if-absent race lasts: long enough that racers are preempted on a loaded machine. */
    Duration PUT_IF_ABSENT_RACE = Duration.ofMillis(100);
    /** The most keys a put-if-absent round goes through, for stores fast enough to reach them. */
    int MAX_PUT_IF_ABSENT_KEYS = 50_000;
    /** How far ahead the last racer to arrive sets the common start. */
    long START_AHEAD_NANOS = 200_000;

    @Test
    @Requires(Capability.PUT_IF_ABSENT)
    default void putIfAbsentWritesOnlyWhenAbsent(KeyValueStore store) {
        assertTrue(store.putIfAbsent("k", bytes("first")), "putIfAbsent of an absent key returns true");
        assertFalse(store.putIfAbsent("k", bytes("second")), "putIfAbsent of a present key returns false");
        assertArrayEquals(bytes("first"), store.get("k"), "the value after a refused putIfAbsent is the first one");
        store.delete("k");
        assertTrue(store.putIfAbsent("k", bytes("third")), "putIfAbsent of a deleted key returns true");
        assertArrayEquals(bytes("third"), store.get("k"), "the value putIfAbsent wrote after a delete");
    }

    @Test
    @Requires({Capability.PUT_IF_ABSENT, Capability.TTL})
    default void putIfAbsentWithTtlExpires(KeyValueStore store) throws InterruptedException {
        assertTrue(store.putIfAbsent("lease", bytes("marker"), Duration.ofMillis(300)), "putIfAbsent with a TTL of an absent key returns true");
        assertFalse(store.putIfAbsent("lease", bytes("other"), Duration.ofMillis(300)), "putIfAbsent with a TTL of a live key returns false");
        long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (store.contains("lease") && System.nanoTime() < deadline) {
            Thread.sleep(25);
        }
        assertTrue(store.putIfAbsent("lease", bytes("next")), "an expired value counts as absent");
    }

    @Test
    @Requires(Capability.PUT_IF_ABSENT)
    default void putIfAbsentRaceHasExactlyOneWinner(KeyValueStore store) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            // 4 rounds per repetition: enough that a check-then-write on mem: is caught in 20 of 20
            // runs on a loaded 2-core machine, where racers seldom share the cores.
            for (int round = 0; round < 4 * TestValues.repetitions(); round++) {
                String prefix = "race/" + round + "/";
                List<Callable<boolean[]>> racers = new ArrayList<>();
                for (int t = 0; t < RACERS; t++) {
                    byte[] mine = bytes("racer-" + t);
                    racers.add(() -> {
                        // Through the keys in order for a while: see raceKeys for why.
                        long end = System.nanoTime() + PUT_IF_ABSENT_RACE.toNanos();
                        boolean[] won = new boolean[MAX_PUT_IF_ABSENT_KEYS];
                        int reached = 0;
                        while (reached < won.length && System.nanoTime() - end < 0) {
                            won[reached] = store.putIfAbsent(prefix + reached, mine);
                            reached++;
                        }
                        return Arrays.copyOf(won, reached);
                    });
                }
                List<boolean[]> results = race(pool, racers);
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < results.stream().mapToInt(r -> r.length).max().orElse(0); i++) {
                    keys.add(prefix + i);
                }
                assertOneWinnerPerKey(store, keys, results, "putIfAbsent");
                store.deleteAll(keys);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Requires(Capability.COMPARE_AND_SET)
    default void compareAndSetReplacesOnlyTheExpectedValue(KeyValueStore store) {
        assertFalse(store.compareAndSet("k", bytes("a"), bytes("b")), "compareAndSet of an absent key returns false (it never matches)");
        assertFalse(store.contains("k"), "contains() after a compareAndSet of an absent key (it must not create it)");
        store.put("k", bytes("a"));
        assertFalse(store.compareAndSet("k", bytes("x"), bytes("b")), "compareAndSet expecting another value returns false");
        assertFalse(store.compareAndSet("k", bytes("a "), bytes("b")), "compareAndSet expecting a longer value returns false");
        assertArrayEquals(bytes("a"), store.get("k"), "the value after refused compareAndSets");
        assertTrue(store.compareAndSet("k", bytes("a"), bytes("b")), "compareAndSet expecting the current value returns true");
        assertArrayEquals(bytes("b"), store.get("k"), "the value after a successful compareAndSet");
    }

    @Test
    @Requires(Capability.COMPARE_AND_SET)
    default void compareAndSetComparesBinaryValues(KeyValueStore store) {
        byte[] all = TestValues.allByteValues();
        store.put("k", all);
        byte[] almost = all.clone();
        almost[0] = 1;
        assertFalse(store.compareAndSet("k", almost, new byte[0]), "compareAndSet expecting a value one byte off returns false");
        assertTrue(store.compareAndSet("k", all, new byte[0]), "compareAndSet expecting all 256 byte values returns true");
        assertArrayEquals(new byte[0], store.get("k"), "the empty value compareAndSet wrote");
        assertTrue(store.compareAndSet("k", new byte[0], bytes("x")), "an empty value matches an empty expectation");
    }

    @Test
    @Requires({Capability.COMPARE_AND_SET, Capability.TTL})
    default void compareAndSetWithTtlExpires(KeyValueStore store) throws InterruptedException {
        store.put("k", bytes("a"));
        assertTrue(store.compareAndSet("k", bytes("a"), bytes("b"), Duration.ofMillis(300)), "compareAndSet with a TTL expecting the current value");
        long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (store.contains("k") && System.nanoTime() < deadline) {
            Thread.sleep(25);
        }
        assertFalse(store.contains("k"), "contains() 4 s after a compareAndSet with a TTL of 300 ms");
    }

    @Test
    @Requires(Capability.COMPARE_AND_SET)
    default void compareAndSetRaceHasExactlyOneWinner(KeyValueStore store) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            for (int round = 0; round < TestValues.repetitions(); round++) {
                List<String> keys = raceKeys("cas/" + round);
                for (String key : keys) {
                    store.put(key, bytes("start"));
                }
                List<Callable<boolean[]>> racers = new ArrayList<>();
                for (int t = 0; t < RACERS; t++) {
                    byte[] mine = bytes("racer-" + t);
                    racers.add(() -> {
                        boolean[] won = new boolean[keys.size()];
                        for (int i = 0; i < won.length; i++) {
                            won[i] = store.compareAndSet(keys.get(i), bytes("start"), mine);
                        }
                        return won;
                    });
                }
                assertOneWinnerPerKey(store, keys, race(pool, racers), "compareAndSet");
            }
        } finally {
            pool.shutdownNow();
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
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            race(pool, workers);
        } finally {
            pool.shutdownNow();
        }
        assertArrayEquals(bytes(Integer.toString(threads * increments)), store.get("counter"),
                "the counter after " + threads + " threads each added " + increments + " by compareAndSet");
    }

    /**
     * The keys of one round of a compare-and-set race. Every racer goes through the keys of a round
     * in order, so two racers that run at once race on each key until one falls behind; one that
     * falls behind finds the keys taken, skips the write and catches up with the leader, to race
     * again. And a racer preempted between its check and its write, if the store checks and writes
     * in two steps, lets the others take the same key. So a round holds many races wherever two
     * racers overlap in time, whatever the scheduler does with their start.
     */
    private static List<String> raceKeys(String prefix) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < KEYS_PER_RACE; i++) {
            keys.add(prefix + "/" + i);
        }
        return keys;
    }

    /**
     * @param keys the keys of a round, in the order the racers went through them
     * @param results each racer's result per key, for as many keys as it reached
     */
    private static void assertOneWinnerPerKey(KeyValueStore store, List<String> keys, List<boolean[]> results, String operation) {
        for (int k = 0; k < keys.size(); k++) {
            List<Integer> winners = new ArrayList<>();
            for (int t = 0; t < results.size(); t++) {
                if (k < results.get(t).length && results.get(t)[k]) {
                    winners.add(t);
                }
            }
            int keyIndex = k;
            assertEquals(1, winners.size(), () -> "racers whose " + operation + " of key " + keys.get(keyIndex) + " returned true (of "
                    + RACERS + " racing on " + keys.size() + " keys): " + winners);
            assertArrayEquals(bytes("racer-" + winners.get(0)), store.get(keys.get(k)), () -> "the value of key " + keys.get(keyIndex)
                    + " after the race is the winner's");
        }
    }

    /**
     * Starts every task at the same instant and waits for all of them. A racer parked on a latch
     * takes tens of microseconds to wake, by which time another may have finished, so a
     * check-then-write would rarely be caught. Instead the last racer to arrive sets a start time a
     * little ahead, and every racer that sees it spins on the clock until then: the racers on the
     * machine's cores at that moment start within a fraction of a microsecond of each other. Until
     * then racers yield, so that waiting ones do not keep the others off a core.
     *
     * @param pool threads enough for every task at once
     * @param tasks the racers
     * @return their results, in order
     * @throws Exception the first failure
     */
    private static <T> List<T> race(ExecutorService pool, List<Callable<T>> tasks) throws Exception {
        AtomicInteger ready = new AtomicInteger();
        AtomicLong startAt = new AtomicLong();
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                if (ready.incrementAndGet() == tasks.size()) {
                    startAt.set(System.nanoTime() + START_AHEAD_NANOS);
                }
                while (startAt.get() == 0) {
                    Thread.yield();
                }
                long at = startAt.get();
                while (System.nanoTime() - at < 0) {
                    Thread.onSpinWait();
                }
                return task.call();
            }));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(60, TimeUnit.SECONDS));
        }
        return results;
    }
}
