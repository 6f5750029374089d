package org.kvcaches.tck.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyValueStore;

/**
 * What one cache contract test works on, handed to it as a parameter by the TCK: a fresh cache store
 * and backing store from the {@link CacheFixture}, each wrapped in a {@link ControlledStore} (to
 * count, hold and fail calls), and the decorator the fixture puts over them. The TCK closes it after
 * the test, releasing held reads, and checks that both stores can be emptied.
 */
public final class CacheRig {
    private final CacheFixture fixture;
    private final KeyValueStore rawCache;
    private final KeyValueStore rawStore;
    private final ControlledStore cache;
    private final ControlledStore store;
    private final KeyValueStore decorated;
    private final List<KeyValueStore> others = new ArrayList<>();
    private final List<ControlledStore.Gate> gates = new ArrayList<>();

    private CacheRig(CacheFixture fixture) {
        this.fixture = fixture;
        this.rawCache = fixture.newCacheStore();
        this.rawStore = fixture.newBackingStore();
        this.cache = ControlledStore.wrap(rawCache);
        this.store = ControlledStore.wrap(rawStore);
        this.decorated = fixture.decorate(cache, store);
    }

    /**
     * Opens the stores of one test. The TCK does this for every cache contract test; a runner of its
     * own calls it, then {@link #closeAndEmpty()}.
     *
     * @param fixture the fixture that supplies the stores and the decorator
     * @return the rig, with nothing held, failed or delayed
     */
    public static CacheRig open(CacheFixture fixture) {
        return new CacheRig(fixture);
    }

    /** @return the fixture the rig was opened from */
    public CacheFixture fixture() {
        return fixture;
    }

    /** @return the cache store as the fixture made it, for looking at its raw entries */
    public KeyValueStore rawCache() {
        return rawCache;
    }

    /** @return the backing store as the fixture made it, for writes the decorator does not see */
    public KeyValueStore rawStore() {
        return rawStore;
    }

    /** @return the cache store as the decorator sees it, to count its calls and plant failures */
    public ControlledStore cache() {
        return cache;
    }

    /** @return the backing store as the decorator sees it, to count, hold and fail its calls */
    public ControlledStore store() {
        return store;
    }

    /** @return the decorator under test */
    public KeyValueStore decorated() {
        return decorated;
    }

    /** @return a second decorator over the same cache store and backing store, as another process would have */
    public KeyValueStore anotherInstance() {
        KeyValueStore other = fixture.decorate(cache.sharing(), store.sharing());
        others.add(other);
        return other;
    }

    /** @return a gate holding the next store read of the key, released at the latest when the test ends */
    public ControlledStore.Gate hold(String key) {
        ControlledStore.Gate gate = store.holdNextRead(key);
        gates.add(gate);
        return gate;
    }

    /**
     * Asserts that the key holds {@code expected} (or nothing) as seen through the decorator, through
     * a fresh decorator over the same stores, and that the raw cache store holds no entry of the key
     * with the bytes of {@code stale}.
     */
    public void assertServes(String key, byte[] expected, byte[] stale, String after) {
        KeyValueStore fresh = anotherInstance();
        for (int i = 0; i < 2; i++) {
            assertValue(expected, decorated.find(key), after + ": read " + (i + 1) + " through the decorator");
            assertValue(expected, fresh.find(key), after + ": read " + (i + 1) + " through another decorator over the same stores");
        }
        assertFalse(rawCacheHolds(key, stale), after + ": the cache store " + rawCache + " still holds the old value of '" + key + "'");
    }

    /** @return whether the raw cache store's entry of the key contains the bytes of the value */
    public boolean rawCacheHolds(String key, byte[] value) {
        return rawCache.find(key).map(entry -> indexOf(entry, value) >= 0).orElse(false);
    }

    void assumeDecoratedClaims(Capability capability) {
        if (capability != null) {
            assumeTrue(decorated.capabilities().contains(capability),
                    "skipped: the decorated store " + decorated + " does not claim capability " + capability);
        }
    }

    Duration leaseTtl() {
        Duration ttl = fixture.leaseTtl();
        assumeTrue(ttl != null, "skipped: the fixture declares no lease TTL (CacheFixture.leaseTtl()), so the decorator takes no leases");
        return ttl;
    }

    long assumeSizeLimit() {
        long limit = fixture.maxCachedSize();
        assumeTrue(limit >= 0 && limit < (64 << 20), "skipped: the fixture declares no size limit under 64 MiB (CacheFixture.maxCachedSize())");
        return limit;
    }

    /**
     * Releases held reads, heals planted failures, closes every decorator, then empties both stores.
     *
     * @return what could not be emptied, for the TCK's leftover check
     */
    public List<String> closeAndEmpty() {
        gates.forEach(ControlledStore.Gate::release);
        cache.heal();
        store.heal();
        others.forEach(KeyValueStore::close);
        decorated.close();
        List<String> problems = new ArrayList<>();
        for (KeyValueStore raw : List.of(rawCache, rawStore)) {
            try {
                try (Stream<String> keys = raw.keys("")) {
                    raw.deleteAll(keys.toList());
                }
                try (Stream<String> keys = raw.keys("")) {
                    List<String> still = keys.limit(10).toList();
                    if (!still.isEmpty()) {
                        problems.add(raw + " still lists keys after deleting all of them: " + still);
                    }
                }
            } finally {
                raw.close();
            }
        }
        return problems;
    }

    // ---- helpers for the contract areas ----------------------------------------------------------

    /** @return a random value that names what it is, so no two values share their bytes */
    static byte[] value(String what) {
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        return (what + " " + HexFormat.of().formatHex(random)).getBytes(StandardCharsets.US_ASCII);
    }

    static <T> CompletableFuture<T> async(Supplier<T> action) {
        return CompletableFuture.supplyAsync(action, runnable -> {
            Thread thread = new Thread(runnable, "kv-tck-cache-reader");
            thread.setDaemon(true);
            thread.start();
        });
    }

    static <T> T join(CompletableFuture<T> future) {
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

    static void assertValue(byte[] expected, Optional<byte[]> actual, String message) {
        if (expected == null) {
            assertTrue(actual.isEmpty(), message + ": expected no value, got " + actual.map(v -> new String(v, StandardCharsets.US_ASCII)));
        } else {
            assertTrue(actual.isPresent(), message + ": expected a value, got none");
            assertArrayEquals(expected, actual.get(), message + ": expected " + new String(expected, StandardCharsets.US_ASCII)
                    + ", got " + new String(actual.get(), StandardCharsets.US_ASCII));
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
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

    /** Lets a lease expire: waiting for time to pass is what these tests are about, not a way to order threads. */
    static void outlive(Duration ttl) throws InterruptedException {
        Thread.sleep(ttl.toMillis() * 2 + 100);
    }
}
