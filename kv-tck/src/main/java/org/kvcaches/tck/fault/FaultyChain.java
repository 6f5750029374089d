package org.kvcaches.tck.fault;

import java.util.stream.Stream;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.tck.StoreFixture;

/**
 * One test's chain for {@link FaultyCacheTierContract}: a fresh cache store behind a
 * {@link FaultyStore}, in front of the test's authoritative store, both lent to the chain the
 * fixture builds. Closing it heals the faults, closes the chain, then empties and closes the cache
 * store.
 */
final class FaultyChain implements AutoCloseable {
    /** The faults of the cache tier, as the chain sees it. */
    final FaultyStore cache;
    /** The chain under test. */
    final KeyValueStore chain;
    private final KeyValueStore rawCache;

    /**
     * @param tckFixture the fixture the TCK hands the test, a {@link ChainFixture}
     * @param store the test's authoritative store
     */
    FaultyChain(StoreFixture tckFixture, KeyValueStore store) {
        if (!(tckFixture instanceof ChainFixture fixture)) {
            throw new IllegalStateException("a FaultyCacheTierContract needs a ChainFixture, got " + tckFixture.getClass().getName());
        }
        rawCache = fixture.newCacheStore();
        cache = new FaultyStore(new Borrowed(rawCache));
        KeyValueStore built;
        try {
            built = fixture.chain(cache, new Borrowed(store));
        } catch (RuntimeException | Error e) {
            rawCache.close();
            throw e;
        }
        if (built == null) {
            rawCache.close();
            throw new IllegalStateException(fixture.getClass().getName() + ".chain(cache, store) returned null");
        }
        chain = built;
    }

    @Override
    public void close() {
        cache.heal();
        try {
            chain.close();
        } finally {
            try (rawCache; Stream<String> keys = rawCache.keys("")) {
                rawCache.deleteAll(keys.toList());
            }
        }
    }
}
