package org.kvcaches.tck.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.tck.Requires;

/**
 * The contract of a cache decorator: a cache store in front of an authoritative store. Extend it and
 * supply a {@link CacheFixture}; every test gets a fresh cache store and backing store, each wrapped
 * in a {@link ControlledStore}, so races are built from held reads (deterministic interleavings,
 * not sleeps) and failures are planted exactly where the test wants them.
 *
 * <p>What it checks: a read fills the cache (so a repeated read does not reach the store); a fill
 * that starts before a write and ends after it never leaves the old value, for every kind of write,
 * in one process and, where the cache store has TTL, put-if-absent and compare-and-set, across two
 * decorators sharing the stores, also when the fill outlives its lease; a failed invalidation never
 * lets the old value be served and never fails the write; every write kind invalidates; values over
 * the size limit and early-closed streams leave no (truncated) entry; a cache store that fails every
 * call never fails a read or a write; concurrent misses on one key cost one store read; a failed load
 * is not cached. Tests that need cache store capabilities it lacks are skipped with the reason.
 *
 * <p>"The old value is not kept" is checked three ways: through the decorator, through a second
 * decorator over the same stores (as another process sees the cache), and in the raw cache store,
 * which must hold no entry containing the old value's bytes (the values are random, so any encoding
 * that stores the value verbatim is covered).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(CacheCapabilityCondition.class)
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class CacheContract {
    /** Threads that miss on one key at once. */
    private static final int CONCURRENT_MISSES = 8;

    private CacheFixture fixture;
    private Set<Capability> cacheCapabilities;
    private String cacheStoreName;

    private KeyValueStore rawCache;
    private KeyValueStore rawStore;
    /** The cache store and the backing store as the decorator under test sees them. */
    private ControlledStore cache;
    private ControlledStore store;
    private KeyValueStore decorated;
    private final List<KeyValueStore> others = new ArrayList<>();
    private final List<ControlledStore.Gate> gates = new ArrayList<>();

    /**
     * Called once per test class.
     *
     * @return the fixture that builds this class's decorators
     */
    protected abstract CacheFixture fixture();

    /** Kinds of write, each of which must invalidate the key it changes. */
    enum Write {
        PUT, PUT_STREAM, DELETE, DELETE_ALL, COPY_ONTO, MOVE_ONTO, MOVE_AWAY, COMPARE_AND_SET;

        /** @return the value the key holds after the write, or null for none */
        byte[] apply(KeyValueStore target, KeyValueStore backing, String key, byte[] old, byte[] fresh) {
            switch (this) {
                case PUT -> target.put(key, fresh);
                case PUT_STREAM -> target.put(key, new ByteArrayInputStream(fresh));
                case DELETE -> target.delete(key);
                case DELETE_ALL -> target.deleteAll(List.of(key, key + "-other"));
                case COPY_ONTO -> {
                    backing.put(key + "-source", fresh);
                    target.copy(key + "-source", key);
                }
                case MOVE_ONTO -> {
                    backing.put(key + "-source", fresh);
                    target.move(key + "-source", key);
                }
                case MOVE_AWAY -> target.move(key, key + "-moved");
                case COMPARE_AND_SET -> assertTrue(target.compareAndSet(key, old, fresh), "compareAndSet of the current value succeeds");
                default -> throw new AssertionError(this);
            }
            return this == DELETE || this == DELETE_ALL || this == MOVE_AWAY ? null : fresh;
        }

        Capability needs() {
            return this == COMPARE_AND_SET ? Capability.COMPARE_AND_SET : null;
        }
    }

    // ---- lifecycle ----------------------------------------------------------------------------

    @BeforeAll
    final void openFixture() {
        fixture = fixture();
        if (fixture == null) {
            throw new IllegalStateException(getClass().getName() + ".fixture() returned null");
        }
        try (KeyValueStore probe = fixture.newCacheStore()) {
            cacheCapabilities = probe.capabilities().isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(probe.capabilities());
            cacheStoreName = probe.toString();
        }
        System.out.println("[kv-tck] running the cache contract with cache store " + cacheStoreName + " (claims " + cacheCapabilities + ")");
    }

    @BeforeEach
    final void openStores() {
        rawCache = fixture.newCacheStore();
        rawStore = fixture.newBackingStore();
        cache = ControlledStore.wrap(rawCache);
        store = ControlledStore.wrap(rawStore);
        decorated = fixture.decorate(cache, store);
    }

    @AfterEach
    final void closeStores() {
        gates.forEach(ControlledStore.Gate::release);
        gates.clear();
        cache.heal();
        store.heal();
        others.forEach(KeyValueStore::close);
        others.clear();
        decorated.close();
        for (KeyValueStore raw : List.of(rawCache, rawStore)) {
            try (Stream<String> keys = raw.keys("")) {
                raw.deleteAll(keys.toList());
            } finally {
                raw.close();
            }
        }
    }

    @AfterAll
    final void closeFixture() {
        if (fixture != null) {
            fixture.close();
        }
    }

    Set<Capability> cacheCapabilities() {
        return cacheCapabilities;
    }

    String cacheStoreName() {
        return cacheStoreName;
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** @return a second decorator over the same cache store and backing store, as another process would have */
    private KeyValueStore anotherInstance() {
        KeyValueStore other = fixture.decorate(cache.sharing(), store.sharing());
        others.add(other);
        return other;
    }

    /** @return a random value that names what it is, so no two values share their bytes */
    private static byte[] value(String what) {
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        return (what + " " + HexFormat.of().formatHex(random)).getBytes(StandardCharsets.US_ASCII);
    }

    private ControlledStore.Gate hold(String key) {
        ControlledStore.Gate gate = store.holdNextRead(key);
        gates.add(gate);
        return gate;
    }

    private static <T> CompletableFuture<T> async(Supplier<T> action) {
        return CompletableFuture.supplyAsync(action, runnable -> {
            Thread thread = new Thread(runnable, "kv-tck-cache-reader");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError("the racing read failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the racing read did not finish within 30 s", e);
        }
    }

    /**
     * Asserts that the key holds {@code expected} (or nothing) as seen through the decorator, through
     * a fresh decorator over the same stores, and that the raw cache store holds no entry of the key
     * with the bytes of {@code stale}.
     */
    private void assertServes(String key, byte[] expected, byte[] stale, String after) {
        KeyValueStore fresh = anotherInstance();
        for (int i = 0; i < 2; i++) {
            assertValue(expected, decorated.find(key), after + ": read " + (i + 1) + " through the decorator");
            assertValue(expected, fresh.find(key), after + ": read " + (i + 1) + " through another decorator over the same stores");
        }
        assertFalse(rawCacheHolds(key, stale), after + ": the cache store " + cacheStoreName + " still holds the old value of '" + key + "'");
    }

    private static void assertValue(byte[] expected, Optional<byte[]> actual, String message) {
        if (expected == null) {
            assertTrue(actual.isEmpty(), message + ": expected no value, got " + actual.map(v -> new String(v, StandardCharsets.US_ASCII)));
        } else {
            assertTrue(actual.isPresent(), message + ": expected a value, got none");
            assertArrayEquals(expected, actual.get(), message + ": expected " + new String(expected, StandardCharsets.US_ASCII)
                    + ", got " + new String(actual.get(), StandardCharsets.US_ASCII));
        }
    }

    /** @return whether the raw cache store's entry of the key contains the bytes of the value */
    private boolean rawCacheHolds(String key, byte[] value) {
        return rawCache.find(key).map(entry -> indexOf(entry, value) >= 0).orElse(false);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void assumeDecoratedClaims(Capability capability) {
        if (capability != null) {
            assumeTrue(decorated.capabilities().contains(capability),
                    "skipped: the decorated store " + decorated + " does not claim capability " + capability);
        }
    }

    private Duration leaseTtl() {
        Duration ttl = fixture.leaseTtl();
        assumeTrue(ttl != null, "skipped: the fixture declares no lease TTL (CacheFixture.leaseTtl()), so the decorator takes no leases");
        return ttl;
    }

    /** Lets a lease expire: waiting for time to pass is what this test is about, not a way to order threads. */
    private static void outlive(Duration ttl) throws InterruptedException {
        Thread.sleep(ttl.toMillis() * 2 + 100);
    }

    // ---- the contract -------------------------------------------------------------------------

    @Test
    void aReadFillsTheCacheSoARepeatedReadDoesNotReachTheStore() {
        byte[] v1 = value("v1");
        rawStore.put("k", v1);
        assertArrayEquals(v1, decorated.get("k"));
        int reads = store.reads("k");
        assertArrayEquals(v1, decorated.get("k"));
        assertArrayEquals(v1, decorated.find("k").orElseThrow());
        assertEquals(reads, store.reads("k"), "the repeated reads were served by the cache, not the store");
        assertTrue(rawCacheHolds("k", v1), "the cache store " + cacheStoreName + " holds the value");
    }

    @ParameterizedTest
    @EnumSource(Write.class)
    void aFillThatStartsBeforeAWriteAndEndsAfterItNeverLeavesTheOldValue(Write write) {
        assumeDecoratedClaims(write.needs());
        byte[] v1 = value("old");
        byte[] v2 = value("new");
        rawStore.put("k", v1);
        ControlledStore.Gate gate = hold("k");
        CompletableFuture<Optional<byte[]>> reader = async(() -> decorated.find("k"));
        gate.awaitArrival();
        byte[] expected = write.apply(decorated, rawStore, "k", v1, v2);
        gate.release();
        join(reader);
        assertServes("k", expected, v1, "a fill holding the old value finished after " + write);
    }

    @Test
    void aReadAfterAWriteNeverReturnsALoadStartedBeforeTheWrite() {
        byte[] v1 = value("old");
        byte[] v2 = value("new");
        rawStore.put("k", v1);
        ControlledStore.Gate gate = hold("k");
        CompletableFuture<Optional<byte[]>> early = async(() -> decorated.find("k"));
        gate.awaitArrival();
        decorated.put("k", v2);
        CompletableFuture<Optional<byte[]>> late = async(() -> decorated.find("k"));
        try {
            assertValue(v2, late.get(10, TimeUnit.SECONDS), "a read that started after the write returned");
        } catch (TimeoutException e) {
            throw new AssertionError("a read that started after the write waited for the load that started before it", e);
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("the read after the write failed: " + e, e);
        } finally {
            gate.release();
        }
        join(early);
        assertServes("k", v2, v1, "after a load that started before the write finished");
    }

    @Test
    @Requires({Capability.TTL, Capability.PUT_IF_ABSENT, Capability.COMPARE_AND_SET})
    void aFillRacingAWriteInAnotherInstanceNeverLeavesTheOldValue() {
        KeyValueStore other = anotherInstance();
        byte[] v1 = value("old");
        byte[] v2 = value("new");
        rawStore.put("k", v1);
        ControlledStore.Gate gate = hold("k");
        CompletableFuture<Optional<byte[]>> reader = async(() -> decorated.find("k"));
        gate.awaitArrival();
        other.put("k", v2);
        gate.release();
        join(reader);
        assertValue(v2, other.find("k"), "read through the writing instance");
        assertServes("k", v2, v1, "a fill holding the old value finished after another instance wrote");
    }

    @Test
    @Requires({Capability.TTL, Capability.PUT_IF_ABSENT, Capability.COMPARE_AND_SET})
    void aLeaseThatExpiresMidFillDoesNotStoreTheOldValue() throws InterruptedException {
        Duration ttl = leaseTtl();
        KeyValueStore other = anotherInstance();
        byte[] v1 = value("old");
        byte[] v2 = value("new");
        rawStore.put("k", v1);
        ControlledStore.Gate gate = hold("k");
        CompletableFuture<Optional<byte[]>> reader = async(() -> decorated.find("k"));
        gate.awaitArrival();
        outlive(ttl);
        other.put("k", v2);
        assertValue(v2, other.find("k"), "read through the writing instance while the first fill is still held");
        gate.release();
        join(reader);
        assertServes("k", v2, v1, "a fill whose lease expired finished after another instance wrote");
    }

    @Test
    @Requires({Capability.TTL, Capability.PUT_IF_ABSENT, Capability.COMPARE_AND_SET})
    void aLeaseOfAFillThatNeverFinishesExpiresSoTheKeyIsCachedAgain() throws InterruptedException {
        Duration ttl = leaseTtl();
        KeyValueStore other = anotherInstance();
        byte[] v1 = value("v1");
        rawStore.put("k", v1);
        ControlledStore.Gate gate = hold("k");
        CompletableFuture<Optional<byte[]>> stuck = async(() -> decorated.find("k"));
        gate.awaitArrival();
        outlive(ttl);
        assertArrayEquals(v1, other.get("k"));
        int reads = store.reads("k");
        assertArrayEquals(v1, other.get("k"));
        assertEquals(reads, store.reads("k"), "once the stuck fill's lease expired, another instance cached the key");
        gate.release();
        join(stuck);
    }

    @ParameterizedTest
    @EnumSource(Write.class)
    void aFailedInvalidationNeverServesTheOldValueAndTheWriteSucceeds(Write write) {
        assumeDecoratedClaims(write.needs());
        byte[] v1 = value("old");
        byte[] v2 = value("new");
        rawStore.put("k", v1);
        assertArrayEquals(v1, decorated.get("k"));
        assertArrayEquals(v1, decorated.get("k"));
        cache.failNext(ControlledStore.Operation.DELETE, 1);
        byte[] expected = write.apply(decorated, rawStore, "k", v1, v2);
        for (int i = 0; i < 3; i++) {
            assertValue(expected, decorated.find("k"), "read " + (i + 1) + " after " + write + " whose invalidation failed");
        }
        byte[] v3 = value("later");
        decorated.put("k", v3);
        assertValue(v3, decorated.find("k"), "read after a later write whose invalidation succeeded");
    }

    @Test
    void aCacheThatKeepsFailingToInvalidateNeverServesTheOldValue() {
        byte[] v1 = value("old");
        byte[] v2 = value("new");
        rawStore.put("k", v1);
        assertArrayEquals(v1, decorated.get("k"));
        assertArrayEquals(v1, decorated.get("k"));
        cache.failNext(ControlledStore.Operation.DELETE, Integer.MAX_VALUE);
        decorated.put("k", v2);
        for (int i = 0; i < 3; i++) {
            assertValue(v2, decorated.find("k"), "read " + (i + 1) + " while the cache store cannot delete");
        }
        decorated.delete("k");
        assertValue(null, decorated.find("k"), "read after a delete while the cache store cannot delete");
        cache.heal();
        byte[] v3 = value("healed");
        decorated.put("k", v3);
        assertArrayEquals(v3, decorated.get("k"));
    }

    @ParameterizedTest
    @EnumSource(Write.class)
    void everyKindOfWriteInvalidatesTheCachedValue(Write write) {
        assumeDecoratedClaims(write.needs());
        byte[] v1 = value("old");
        byte[] v2 = value("new");
        rawStore.put("k", v1);
        assertArrayEquals(v1, decorated.get("k"));
        assertArrayEquals(v1, decorated.get("k"));
        byte[] expected = write.apply(decorated, rawStore, "k", v1, v2);
        assertServes("k", expected, v1, "after " + write);
    }

    @Test
    void putIfAbsentAfterACachedAbsenceIsSeen() {
        assumeDecoratedClaims(Capability.PUT_IF_ABSENT);
        assertTrue(decorated.find("k").isEmpty());
        assertFalse(decorated.contains("k"));
        byte[] v = value("v");
        assertTrue(decorated.putIfAbsent("k", v));
        assertServes("k", v, new byte[] {0x7f, 0x00, 0x7f}, "after putIfAbsent");
    }

    @Test
    void aValueOverTheSizeLimitIsServedButLeavesNoEntry() throws IOException {
        long limit = fixture.maxCachedSize();
        assumeTrue(limit >= 0 && limit < (64 << 20), "skipped: the fixture declares no size limit under 64 MiB (CacheFixture.maxCachedSize())");
        byte[] big = new byte[(int) limit + 1];
        ThreadLocalRandom.current().nextBytes(big);
        rawStore.put("big", big);
        assertArrayEquals(big, decorated.get("big"));
        try (InputStream in = decorated.open("big")) {
            assertArrayEquals(big, in.readAllBytes());
        }
        assertTrue(rawCache.find("big").isEmpty(), "the cache store " + cacheStoreName + " holds no entry (not even a marker) of an oversize value");
    }

    @Test
    void anOversizeStreamClosedEarlyLeavesNoEntry() throws IOException {
        long limit = fixture.maxCachedSize();
        assumeTrue(limit >= 0 && limit < (64 << 20), "skipped: the fixture declares no size limit under 64 MiB (CacheFixture.maxCachedSize())");
        byte[] big = new byte[(int) limit + 1];
        ThreadLocalRandom.current().nextBytes(big);
        rawStore.put("big", big);
        try (InputStream in = decorated.open("big")) {
            assertEquals(10, in.readNBytes(10).length);
        }
        assertTrue(rawCache.find("big").isEmpty(), "the cache store " + cacheStoreName + " holds no entry of a stream closed early");
        assertArrayEquals(big, decorated.get("big"));
    }

    @Test
    void aStreamClosedEarlyNeverCachesATruncatedValue() throws IOException {
        long limit = fixture.maxCachedSize();
        byte[] v = new byte[(int) (limit < 0 ? 64 << 10 : Math.min(limit, 64 << 10))];
        ThreadLocalRandom.current().nextBytes(v);
        rawStore.put("k", v);
        try (InputStream in = decorated.open("k")) {
            assertEquals(10, in.readNBytes(10).length);
        }
        Optional<byte[]> entry = rawCache.find("k");
        assertTrue(entry.isEmpty() || indexOf(entry.get(), v) >= 0, "an entry the early close left in the cache store holds the whole value");
        assertArrayEquals(v, decorated.get("k"));
        assertArrayEquals(v, anotherInstance().get("k"));
    }

    @Test
    void aCacheStoreThatThrowsOnEveryCallNeverFailsAReadOrAWrite() throws IOException {
        byte[] v1 = value("v1");
        byte[] v2 = value("v2");
        rawStore.put("k", v1);
        cache.failEverything();
        assertArrayEquals(v1, decorated.get("k"));
        assertArrayEquals(v1, decorated.find("k").orElseThrow());
        assertTrue(decorated.contains("k"));
        assertEquals(v1.length, decorated.size("k"));
        try (InputStream in = decorated.open("k")) {
            assertArrayEquals(v1, in.readAllBytes());
        }
        assertThrows(KeyNotFoundException.class, () -> decorated.get("absent"));
        decorated.put("k", v2);
        assertArrayEquals(v2, decorated.get("k"));
        decorated.put("s", new ByteArrayInputStream(v1));
        decorated.copy("s", "c");
        decorated.move("c", "m");
        assertArrayEquals(v1, decorated.get("m"));
        if (decorated.capabilities().contains(Capability.COMPARE_AND_SET)) {
            assertTrue(decorated.compareAndSet("m", v1, v2));
        }
        if (decorated.capabilities().contains(Capability.PUT_IF_ABSENT)) {
            assertTrue(decorated.putIfAbsent("p", v1));
        }
        decorated.deleteAll(List.of("s", "m"));
        decorated.delete("k");
        assertTrue(decorated.find("k").isEmpty());
        try (Stream<String> keys = decorated.keys("")) {
            assertEquals(decorated.capabilities().contains(Capability.PUT_IF_ABSENT) ? List.of("p") : List.of(), keys.toList());
        }
    }

    @Test
    void concurrentMissesOnOneKeyCostOneStoreRead() throws InterruptedException {
        byte[] v = value("v");
        rawStore.put("k", v);
        ControlledStore.Gate gate = hold("k");
        List<CompletableFuture<byte[]>> results = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_MISSES; i++) {
            CompletableFuture<byte[]> result = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    result.complete(decorated.get("k"));
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            }, "kv-tck-miss-" + i);
            thread.setDaemon(true);
            results.add(result);
            threads.add(thread);
            thread.start();
        }
        gate.awaitArrival();
        awaitAllParked(threads);
        gate.release();
        for (CompletableFuture<byte[]> result : results) {
            assertArrayEquals(v, join(result));
        }
        assertEquals(1, store.reads("k"), CONCURRENT_MISSES + " concurrent misses on one key read the store once");
    }

    /**
     * Waits until every thread has consulted the cache and is parked (waiting for the held load, or
     * for anything else), so that releasing the load cannot let a late thread miss after it.
     */
    private void awaitAllParked(List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            boolean parked = cache.reads("k") >= threads.size() && threads.stream().allMatch(t -> {
                Thread.State state = t.getState();
                return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED
                        || state == Thread.State.TERMINATED;
            });
            if (parked) {
                return;
            }
            Thread.sleep(1);
        }
    }

    @Test
    void aFailedLoadIsNotCached() {
        byte[] v = value("v");
        rawStore.put("k", v);
        store.failNext(ControlledStore.Operation.READ, 1);
        assertThrows(RuntimeException.class, () -> decorated.get("k"), "the store's failure reaches the caller");
        assertArrayEquals(v, decorated.get("k"), "the next read loads again");
        int reads = store.reads("k");
        assertArrayEquals(v, decorated.get("k"));
        assertEquals(reads, store.reads("k"), "after the failed load, the successful one filled the cache");
    }

    @Test
    void hitsMissesAndFailedLoadsAreCounted() {
        Optional<CacheCounts> start = fixture.counts(decorated);
        assumeTrue(start.isPresent(), "skipped: the fixture reads no counters (CacheFixture.counts())");
        byte[] v = value("v");
        rawStore.put("k", v);
        decorated.get("k");
        decorated.get("k");
        store.failNext(ControlledStore.Operation.READ, 1);
        assertThrows(RuntimeException.class, () -> decorated.get("other"));
        CacheCounts end = fixture.counts(decorated).orElseThrow();
        assertEquals(start.get().hits() + 1, end.hits(), "hits: " + start.get() + " then " + end);
        assertEquals(start.get().misses() + 2, end.misses(), "misses: " + start.get() + " then " + end);
        assertEquals(start.get().loadFailures() + 1, end.loadFailures(), "load failures: " + start.get() + " then " + end);
    }
}
