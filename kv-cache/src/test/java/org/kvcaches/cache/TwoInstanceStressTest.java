package org.kvcaches.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.tck.cache.ControlledStore;
import org.kvcaches.testservers.RedisFixture;
import org.kvcaches.testservers.RedisTestServers;

/**
 * Two decorators (as two processes would be) share one Redis cache and one store whose calls take up
 * to 2 ms; writers and readers race on 8 keys through both. After each round, once every thread has
 * stopped, every key read through either decorator must equal the store's value. The seed's naive
 * algorithm fails this (a fill that read the old value lands after the writer's invalidation and
 * stays); {@link CacheDecorator} must not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class TwoInstanceStressTest {
    private static final int KEYS = 8;
    private static final int WRITERS = 4;
    private static final int READERS = 4;
    private static final int ROUNDS = 10;
    private static final Duration ROUND = Duration.ofMillis(150);
    private static final Duration STORE_LATENCY = Duration.ofMillis(2);

    private RedisFixture redis;

    /** What one run measured. */
    record Result(long operations, long writes, long staleAtQuiescence, long checks, long staleDuringRun) {
    }

    @BeforeAll
    void startRedis() {
        redis = new RedisFixture(RedisTestServers.standaloneUri(), 9, true);
    }

    @AfterAll
    void stopRedis() {
        redis.close();
    }

    @Test
    void theNaiveAlgorithmLeavesStaleValuesAfterQuiescence() throws InterruptedException {
        Result naive = race(NaiveCacheDecorator::new);
        report("naive (seed)", naive);
        assertTrue(naive.staleAtQuiescence() > 0, "the stress test can fail: the naive algorithm left no stale value in " + naive);
    }

    @Test
    void theCacheDecoratorLeavesNoStaleValueAfterQuiescence() throws InterruptedException {
        Result ours = race((cache, store) -> CacheDecorator.builder(cache, store).build());
        report("CacheDecorator", ours);
        assertEquals(0, ours.staleAtQuiescence(), "stale values after quiescence: " + ours);
    }

    private static void report(String algorithm, Result r) {
        System.out.printf("[stress] %-14s %,d operations (%,d writes) in %d rounds; stale reads after quiescence: %d of %d; "
                + "reads during the run older than a write that finished before they began: %d%n",
                algorithm, r.operations(), r.writes(), ROUNDS, r.staleAtQuiescence(), r.checks(), r.staleDuringRun());
    }

    /** Runs the rounds with two decorators made by {@code decorator} over one Redis cache and one store. */
    private Result race(BinaryOperator<KeyValueStore> decorator) throws InterruptedException {
        KeyValueStore rawCache = redis.newStore();
        KeyValueStore rawStore = KeyValueStores.open("mem:");
        ControlledStore cache = ControlledStore.wrap(rawCache);
        ControlledStore store = ControlledStore.wrap(rawStore);
        store.latency(Duration.ZERO, STORE_LATENCY);
        KeyValueStore[] instances = {decorator.apply(cache, store), decorator.apply(cache.sharing(), store.sharing())};
        // Each key has one writer, so its versions reach the store in order and "older" is well defined.
        AtomicLongArray committed = new AtomicLongArray(KEYS);
        long[] next = new long[KEYS];
        LongAdder operations = new LongAdder();
        LongAdder writes = new LongAdder();
        LongAdder staleDuringRun = new LongAdder();
        long staleAtQuiescence = 0;
        long checks = 0;
        try {
            for (int k = 0; k < KEYS; k++) {
                rawStore.put(key(k), encode(k, 0));
            }
            for (int round = 0; round < ROUNDS; round++) {
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> threads = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    threads.add(new Thread(() -> {
                        KeyValueStore through = instances[writer % 2];
                        while (!stop.get()) {
                            for (int k = writer; k < KEYS; k += WRITERS) {
                                long version = ++next[k];
                                through.put(key(k), encode(k, version));
                                committed.set(k, version);
                                writes.increment();
                                operations.increment();
                            }
                        }
                    }, "stress-writer-" + w));
                }
                for (int r = 0; r < READERS; r++) {
                    int reader = r;
                    threads.add(new Thread(() -> {
                        KeyValueStore through = instances[reader % 2];
                        while (!stop.get()) {
                            int k = ThreadLocalRandom.current().nextInt(KEYS);
                            long before = committed.get(k);
                            Optional<byte[]> value = through.find(key(k));
                            if (value.isPresent() && version(value.get()) < before) {
                                staleDuringRun.increment();
                            }
                            operations.increment();
                        }
                    }, "stress-reader-" + r));
                }
                threads.forEach(Thread::start);
                Thread.sleep(ROUND.toMillis());
                stop.set(true);
                for (Thread thread : threads) {
                    thread.join();
                }
                for (int k = 0; k < KEYS; k++) {
                    byte[] truth = rawStore.get(key(k));
                    for (KeyValueStore instance : instances) {
                        checks++;
                        if (!java.util.Arrays.equals(truth, instance.get(key(k)))) {
                            staleAtQuiescence++;
                        }
                    }
                }
            }
        } finally {
            for (KeyValueStore instance : instances) {
                instance.close();
            }
            try (var keys = rawCache.keys("")) {
                rawCache.deleteAll(keys.toList());
            }
            rawCache.close();
            rawStore.close();
        }
        return new Result(operations.sum(), writes.sum(), staleAtQuiescence, checks, staleDuringRun.sum());
    }

    private static String key(int k) {
        return "stress/key-" + k;
    }

    private static byte[] encode(int k, long version) {
        return (key(k) + "@" + version).getBytes(StandardCharsets.US_ASCII);
    }

    private static long version(byte[] value) {
        String text = new String(value, StandardCharsets.US_ASCII);
        return Long.parseLong(text.substring(text.indexOf('@') + 1));
    }
}
