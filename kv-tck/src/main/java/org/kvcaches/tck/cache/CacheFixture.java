package org.kvcaches.tck.cache;

import java.time.Duration;
import java.util.Optional;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;

/**
 * What a cache implementation gives {@link CacheContract}: fresh cache stores, fresh backing stores,
 * and the decorator that puts one in front of the other.
 *
 * <p>One fixture is created per test class and closed after it. For each test the contract opens a
 * cache store and a backing store, wraps each in a {@link ControlledStore} (to count, hold and fail
 * calls) and asks {@link #decorate} for the store under test; for tests about two processes it
 * decorates a second pair of views of the same two stores. The contract closes the stores it opened.
 */
public interface CacheFixture extends AutoCloseable {

    /**
     * @return a new, open, empty cache store in a namespace no other test uses; it must throw with a
     *     message saying how to provide a server when there is none
     */
    KeyValueStore newCacheStore();

    /** @return a new, open, empty authoritative store; {@code mem:} unless overridden */
    default KeyValueStore newBackingStore() {
        return KeyValueStores.open("mem:");
    }

    /**
     * @param cache the cache store, consulted first
     * @param store the authoritative store
     * @return the decorator under test; closing it may close both stores handed in
     */
    KeyValueStore decorate(KeyValueStore cache, KeyValueStore store);

    /**
     * @return the largest value the decorator caches (larger ones are streamed from the store and
     *     must leave nothing in the cache), or -1 when it has no limit; the oversize tests are then
     *     skipped
     */
    default long maxCachedSize() {
        return -1;
    }

    /**
     * @return how long the decorator's fill leases live in a cache store with TTL, put-if-absent and
     *     compare-and-set, or {@code null} when it takes none; the lease tests wait past it, so keep
     *     it short (a few hundred milliseconds) in the fixture
     */
    default Duration leaseTtl() {
        return null;
    }

    /**
     * @param decorated a store {@link #decorate} returned
     * @return its counters, when the decorator keeps them; the counting test is skipped otherwise
     */
    default Optional<CacheCounts> counts(KeyValueStore decorated) {
        return Optional.empty();
    }

    /** Stops whatever the fixture started. */
    @Override
    default void close() {
    }
}
