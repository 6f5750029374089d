package org.kvcaches.tck.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.tck.StoreContract;
import org.kvcaches.tck.StoreFixture;
import org.kvcaches.tck.fault.FaultyStore.Operation;
import org.kvcaches.tck.fault.FaultyStore.Truncation;

/**
 * What every chain keeps when its cache tier fails: no read fails while the cache tier throws on
 * every call, or breaks its reads midway, or flickers, and no read is stale after an invalidation
 * of the cache tier failed, whether the tier stays faulty or recovers. Each test gets a fresh
 * authoritative store from the fixture and a fresh cache store behind a {@link FaultyStore}, and
 * builds the chain with {@link ChainFixture#chain}; the values are written to the authoritative
 * store directly or through the chain, and read through the chain.
 *
 * <p>Every test also checks that the chain called its cache tier, so that a chain which never uses
 * its cache cannot pass by accident.
 */
public interface FaultyCacheTierContract extends StoreContract {
    /** Keys each read test uses. */
    int KEYS = 20;
    /** The bytes of each value; reads are broken after {@link #BREAK_AT} of them. */
    int VALUE_SIZE = 1000;
    /** Where {@link FaultyStore#truncateReads} breaks the cache tier's reads. */
    int BREAK_AT = 100;
    /** Reader threads of the concurrent tests. */
    int READERS = 4;
    /** Writes per repetition of the concurrent invalidation test (system property {@code kv.tck.repetitions}, default 3). */
    int WRITES_PER_REPETITION = 100;

    @Override
    ChainFixture fixture();

    // ---- (a) a failing cache tier fails no read -----------------------------------------------

    /**
     * The cache holds every value, then its tier throws on every call: every kind of read through
     * the chain still returns the right value.
     */
    @Test
    default void aCacheTierThatThrowsOnEveryCallFailsNoReadOfCachedValues(KeyValueStore store, StoreFixture fixture) {
        try (FaultyChain c = new FaultyChain(fixture, store)) {
            Map<String, byte[]> values = putValues(store, "warm");
            ReadTally.readAll(c.chain, values).assertNoneFailed("while warming the cache");
            c.cache.failEverything();
            ReadTally.readAll(c.chain, values).assertNoneFailed("while the cache tier threw on every call");
            assertConsulted(c);
        }
    }

    /** The cache tier throws on every call from the start: every read is served by the store. */
    @Test
    default void aCacheTierThatThrowsOnEveryCallFailsNoReadOfUncachedValues(KeyValueStore store, StoreFixture fixture) {
        try (FaultyChain c = new FaultyChain(fixture, store)) {
            Map<String, byte[]> values = putValues(store, "cold");
            c.cache.failEverything();
            ReadTally.readAll(c.chain, values).assertNoneFailed("while the cache tier threw on every call");
            ReadTally.readAll(c.chain, values).assertNoneFailed("reading again while the cache tier threw on every call");
            assertConsulted(c);
        }
    }

    /** Writes through the chain succeed while the cache tier throws, and every read sees them. */
    @Test
    default void writesAndReadsSucceedWhileTheCacheTierThrowsOnEveryCall(KeyValueStore store, StoreFixture fixture) throws IOException {
        try (FaultyChain c = new FaultyChain(fixture, store)) {
            byte[] v1 = value("k", 1);
            byte[] v2 = value("k", 2);
            c.chain.put("k", v1);
            assertArrayEquals(v1, c.chain.get("k"));
            c.cache.failEverything();
            c.chain.put("k", v2);
            assertArrayEquals(v2, c.chain.get("k"), "a put while the cache tier threw");
            c.chain.put("s", new ByteArrayInputStream(v1));
            try (InputStream in = c.chain.open("s")) {
                assertArrayEquals(v1, in.readAllBytes(), "a streamed put while the cache tier threw");
            }
            c.chain.copy("s", "c");
            c.chain.move("c", "m");
            assertArrayEquals(v1, c.chain.get("m"), "a copy and a move while the cache tier threw");
            c.chain.deleteAll(List.of("s", "m"));
            c.chain.delete("k");
            assertTrue(c.chain.find("k").isEmpty(), "a delete while the cache tier threw");
            assertTrue(c.chain.find("m").isEmpty(), "a deleteAll while the cache tier threw");
            assertTrue(c.cache.injectedFaults() > 0, "the chain called its failing cache tier");
            c.cache.heal();
            Map<String, byte[]> after = new LinkedHashMap<>();
            after.put("k", null);
            after.put("s", null);
            ReadTally.readAll(c.chain, after).assertNoneFailed("after the cache tier recovered");
        }
    }

    /**
     * Cached values whose cache reads end early, or break midway, after {@link #BREAK_AT} bytes: no
     * read fails and none is served truncated.
     */
    @ParameterizedTest
    @EnumSource(Truncation.class)
    default void aCacheTierWhoseReadsBreakNeverFailsOrTruncatesARead(Truncation how, KeyValueStore store, StoreFixture fixture) {
        try (FaultyChain c = new FaultyChain(fixture, store)) {
            Map<String, byte[]> values = putValues(store, "broken");
            ReadTally.readAll(c.chain, values).assertNoneFailed("while warming the cache");
            c.cache.truncateReads(BREAK_AT, how);
            ReadTally.readAll(c.chain, values).assertNoneFailed("while the cache tier's reads broke (" + how + ") after " + BREAK_AT + " bytes");
            assertConsulted(c);
        }
    }

    /**
     * Readers on several threads while the cache tier flickers (down, up, failing half its calls):
     * 0 failed reads.
     */
    @Test
    default void concurrentReadsWhileTheCacheTierFlickersAllSucceed(KeyValueStore store, StoreFixture fixture) throws InterruptedException {
        try (FaultyChain c = new FaultyChain(fixture, store)) {
            Map<String, byte[]> values = putValues(store, "flicker");
            ReadTally tally = new ReadTally();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                Thread reader = new Thread(() -> {
                    while (running.get()) {
                        tally.add(ReadTally.readAll(c.chain, values));
                    }
                }, "kv-tck-flicker-reader-" + i);
                reader.setDaemon(true);
                readers.add(reader);
                reader.start();
            }
            for (int round = 0; round < 30; round++) {
                c.cache.failEverything();
                Thread.sleep(5);
                c.cache.heal();
                Thread.sleep(5);
                c.cache.failRandomly(0.5, Operation.values());
                Thread.sleep(5);
                c.cache.heal();
            }
            running.set(false);
            for (Thread reader : readers) {
                reader.join();
            }
            tally.assertNoneFailed("while the cache tier flickered");
            assertTrue(c.cache.injectedFaults() > 0, "the chain called its flickering cache tier");
        }
    }

    // ---- (b) a failed invalidation never yields a stale read in this process --------------------

    /**
     * The cache holds the old value; the write's invalidation fails (the cache tier refuses every
     * write and delete, so no invalidation of any form can succeed) and the tier stays so: the write
     * succeeds and no read returns the old value.
     */
    @ParameterizedTest
    @EnumSource(Write.class)
    default void aFailedInvalidationNeverYieldsAStaleReadWhileTheCacheTierStaysFaulty(Write write, KeyValueStore store, StoreFixture fixture) {
        try (FaultyChain c = new FaultyChain(fixture, store)) {
            byte[] expected = writeWithFailedInvalidation(c, store, write);
            for (int i = 0; i < 3; i++) {
                assertValue(expected, c.chain.find("k"), "read " + (i + 1) + " after " + write + " whose invalidation failed");
            }
            assertValue(expected, findByStream(c.chain, "k"), "open after " + write + " whose invalidation failed");
        }
    }

    /**
     * As above, but the cache tier recovers right after the write, still holding the old value: no
     * read returns it, and a later write is seen.
     */
    @ParameterizedTest
    @EnumSource(Write.class)
    default void aFailedInvalidationNeverYieldsAStaleReadAfterTheCacheTierRecovers(Write write, KeyValueStore store, StoreFixture fixture) {
        try (FaultyChain c = new FaultyChain(fixture, store)) {
            byte[] expected = writeWithFailedInvalidation(c, store, write);
            c.cache.heal();
            for (int i = 0; i < 3; i++) {
                assertValue(expected, c.chain.find("k"), "read " + (i + 1) + " after " + write
                        + " whose invalidation failed, once the cache tier recovered");
            }
            byte[] later = value("k", 3);
            c.chain.put("k", later);
            assertValue(later, c.chain.find("k"), "read after a later write whose invalidation succeeded");
            assertValue(later, c.chain.find("k"), "second read after a later write whose invalidation succeeded");
        }
    }

    /**
     * Every key's invalidation fails, for many keys: none of them is read stale, while the tier is
     * faulty or after it recovers.
     */
    @Test
    default void failedInvalidationsOfManyKeysNeverYieldAStaleRead(KeyValueStore store, StoreFixture fixture) {
        try (FaultyChain c = new FaultyChain(fixture, store)) {
            Map<String, byte[]> old = putValues(store, "many");
            ReadTally.readAll(c.chain, old).assertNoneFailed("while warming the cache");
            c.cache.fail(Operation.WRITE, Operation.DELETE);
            Map<String, byte[]> fresh = new LinkedHashMap<>();
            int i = 0;
            for (String key : old.keySet()) {
                if (i++ % 4 == 0) {
                    c.chain.delete(key);
                    fresh.put(key, null);
                } else {
                    byte[] v = value(key, 2);
                    c.chain.put(key, v);
                    fresh.put(key, v);
                }
            }
            ReadTally.readAll(c.chain, fresh).assertNoneFailed("after every key's invalidation failed");
            c.cache.heal();
            ReadTally.readAll(c.chain, fresh).assertNoneFailed("after every key's invalidation failed and the cache tier recovered");
        }
    }

    /**
     * One writer writes versions 1, 2, 3... of a key through the chain while the cache tier fails
     * half of its writes and deletes (invalidations and fills); readers on other threads never read
     * a version older than the last write that had returned before their read began ({@link
     * #WRITES_PER_REPETITION} times {@code kv.tck.repetitions} writes). After each
     * write the writer waits until the readers made as many reads as there are readers.
     */
    @Test
    default void concurrentReadsNeverSeeAValueOlderThanTheLastCompletedWrite(KeyValueStore store, StoreFixture fixture) throws InterruptedException {
        // A race needs many chances to show: raise kv.tck.repetitions for a soak run.
        int writes = WRITES_PER_REPETITION * Math.max(1, Integer.getInteger("kv.tck.repetitions", 3));
        try (FaultyChain c = new FaultyChain(fixture, store)) {
            c.chain.put("k", version(0));
            c.cache.failRandomly(0.5, Operation.WRITE, Operation.DELETE);
            AtomicLong completed = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            ReadTally tally = new ReadTally();
            List<Thread> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                Thread reader = new Thread(() -> {
                    while (running.get()) {
                        long floor = completed.get();
                        try {
                            long read = Long.parseLong(new String(c.chain.get("k"), StandardCharsets.US_ASCII));
                            tally.record(read >= floor ? null : "read version " + read + " after version " + floor + " was written");
                        } catch (RuntimeException e) {
                            tally.record("read failed: " + e);
                        }
                    }
                }, "kv-tck-version-reader-" + i);
                reader.setDaemon(true);
                readers.add(reader);
                reader.start();
            }
            for (long v = 1; v <= writes; v++) {
                c.chain.put("k", version(v));
                completed.set(v);
                // Let every reader read after this write before the next one, so each write is checked.
                long target = tally.reads() + READERS;
                while (tally.reads() < target && readers.stream().allMatch(Thread::isAlive)) {
                    Thread.onSpinWait();
                }
            }
            running.set(false);
            for (Thread reader : readers) {
                reader.join();
            }
            tally.assertNoneFailed("while " + writes + " writes' invalidations failed at random");
            assertTrue(c.cache.injectedFaults() > 0, "the chain called its failing cache tier");
            assertArrayEquals(version(writes), c.chain.get("k"));
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    /**
     * Caches the old value of {@code k}, makes the cache tier refuse every write and delete, and
     * applies the write through the chain.
     *
     * @return the value {@code k} holds after the write, or null for none
     */
    private byte[] writeWithFailedInvalidation(FaultyChain c, KeyValueStore store, Write write) {
        if (write.needs() != null) {
            assumeTrue(c.chain.capabilities().contains(write.needs()),
                    "skipped: the chain " + c.chain + " does not claim capability " + write.needs());
        }
        byte[] old = value("k", 1);
        byte[] fresh = value("k", 2);
        store.put("k", old);
        store.put("source", fresh);
        assertArrayEquals(old, c.chain.get("k"));
        assertArrayEquals(old, c.chain.get("k"));
        assertConsulted(c);
        c.cache.fail(Operation.WRITE, Operation.DELETE);
        return write.apply(c.chain, "k", old, fresh);
    }

    /**
     * Asserts that the chain used its cache tier in this test, so that a chain which never caches
     * cannot pass by accident. Any call counts: a chain whose breaker opened may rightly skip the
     * tier once it fails.
     */
    private static void assertConsulted(FaultyChain c) {
        long calls = 0;
        for (Operation operation : Operation.values()) {
            calls += c.cache.calls(operation);
        }
        assertTrue(calls > 0, "the chain never called its cache tier, so these reads say nothing about its faults");
    }

    private static void assertValue(byte[] expected, Optional<byte[]> actual, String message) {
        if (expected == null) {
            assertTrue(actual.isEmpty(), message + ": expected no value, got " + actual.map(ReadTally::text).orElse(""));
        } else {
            assertTrue(actual.isPresent(), message + ": expected " + ReadTally.text(expected) + ", got none");
            assertTrue(Arrays.equals(expected, actual.get()),
                    message + ": expected " + ReadTally.text(expected) + ", got " + ReadTally.text(actual.get()));
        }
    }

    private static Optional<byte[]> findByStream(KeyValueStore chain, String key) {
        try (InputStream in = chain.open(key)) {
            return Optional.of(in.readAllBytes());
        } catch (KeyNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new AssertionError("reading '" + key + "' failed: " + e, e);
        }
    }

    private static Map<String, byte[]> putValues(KeyValueStore store, String name) {
        Map<String, byte[]> values = new LinkedHashMap<>();
        for (int i = 0; i < KEYS; i++) {
            String key = name + "/" + i;
            values.put(key, value(key, 1));
            store.put(key, values.get(key));
        }
        return values;
    }

    /** @return a value of {@link #VALUE_SIZE} bytes that starts with its key and version, then random bytes */
    private static byte[] value(String key, int version) {
        byte[] value = new byte[VALUE_SIZE];
        ThreadLocalRandom.current().nextBytes(value);
        byte[] name = (key + " v" + version + " ").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, value, 0, name.length);
        return value;
    }

    private static byte[] version(long version) {
        return Long.toString(version).getBytes(StandardCharsets.US_ASCII);
    }

    /** Kinds of write through the chain, each of which must invalidate its key. */
    enum Write {
        PUT, PUT_STREAM, DELETE, DELETE_ALL, COPY_ONTO, MOVE_ONTO, MOVE_AWAY, COMPARE_AND_SET;

        /** @return the value the key holds afterwards, or null for none */
        byte[] apply(KeyValueStore chain, String key, byte[] old, byte[] fresh) {
            return switch (this) {
                case PUT -> {
                    chain.put(key, fresh);
                    yield fresh;
                }
                case PUT_STREAM -> {
                    chain.put(key, new ByteArrayInputStream(fresh));
                    yield fresh;
                }
                case DELETE -> {
                    chain.delete(key);
                    yield null;
                }
                case DELETE_ALL -> {
                    chain.deleteAll(List.of(key, "source"));
                    yield null;
                }
                case COPY_ONTO -> {
                    chain.copy("source", key);
                    yield fresh;
                }
                case MOVE_ONTO -> {
                    chain.move("source", key);
                    yield fresh;
                }
                case MOVE_AWAY -> {
                    chain.move(key, "moved");
                    yield null;
                }
                case COMPARE_AND_SET -> {
                    assertTrue(chain.compareAndSet(key, old, fresh), "compareAndSet of the current value succeeds");
                    yield fresh;
                }
            };
        }

        /** @return the capability the chain needs for this write, or null */
        Capability needs() {
            return this == COMPARE_AND_SET ? Capability.COMPARE_AND_SET : null;
        }
    }
}
