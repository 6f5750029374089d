package org.kvcaches.tck.fault;

import org.kvcaches.api.KeyValueStore;
import org.kvcaches.tck.StoreFixture;

/**
 * What a chain implementation gives {@link FaultyCacheTierContract}: fresh authoritative stores
 * ({@link #newStore()}, cleaned up by the TCK as for every contract), fresh cache stores, and the
 * chain that puts a cache store in front of an authoritative store.
 *
 * <p>The contract wraps each cache store in a {@link FaultyStore} before it hands it to
 * {@link #chain}, so the chain sees the faults as its cache tier's. It lends both stores to the
 * chain: closing the chain does not close them; the contract empties and closes them after the test.
 */
public interface ChainFixture extends StoreFixture {

    /**
     * @return a new, open, empty cache store in a namespace no other test uses; it must throw with a
     *     message saying how to provide a server when there is none
     */
    KeyValueStore newCacheStore();

    /**
     * Builds the chain under test, for example {@code CacheDecorator.builder(cache, store).build()}
     * or whatever a chain URI would compose for these tiers.
     *
     * @param cache the cache tier, consulted first (a {@link FaultyStore})
     * @param store the authoritative store
     * @return the chain; closing it may close both stores handed in
     */
    KeyValueStore chain(KeyValueStore cache, KeyValueStore store);
}
