package org.kvcaches.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.tck.cache.CacheCounts;
import org.kvcaches.tck.cache.CacheFixture;

/**
 * Builds {@link CacheDecorator}s for the cache contract, with a short lease and a small size limit so
 * the lease and oversize tests run quickly.
 */
class DecoratorFixture implements CacheFixture {
    static final Duration LEASE_TTL = Duration.ofMillis(300);
    static final long MAX_CACHED_SIZE = 64 << 10;
    /**
     * The contract checks what reads and fills do, not how fast a tier answers: on a loaded machine a
     * 50 ms read deadline sends some reads to the store, which is right in use and a flaky count
     * here. {@code ReadDeadlineTest} covers the deadline.
     */
    static final Duration READ_DEADLINE = Duration.ofSeconds(10);

    private final Supplier<KeyValueStore> cacheStores;
    private final Runnable close;
    private final Duration entryTtl;

    DecoratorFixture(Supplier<KeyValueStore> cacheStores, Runnable close) {
        this(cacheStores, close, null);
    }

    /** @param entryTtl the decorators' entry TTL, which a cache store that cannot take leases needs */
    DecoratorFixture(Supplier<KeyValueStore> cacheStores, Runnable close, Duration entryTtl) {
        this.cacheStores = cacheStores;
        this.close = close;
        this.entryTtl = entryTtl;
    }

    @Override
    public KeyValueStore newCacheStore() {
        return cacheStores.get();
    }

    @Override
    public KeyValueStore decorate(KeyValueStore cache, KeyValueStore store) {
        return CacheDecorator.builder(cache, store).leaseTtl(LEASE_TTL).maxCachedSize(MAX_CACHED_SIZE).entryTtl(entryTtl)
                .readDeadline(READ_DEADLINE).build();
    }

    @Override
    public long maxCachedSize() {
        return MAX_CACHED_SIZE;
    }

    @Override
    public Duration leaseTtl() {
        return LEASE_TTL;
    }

    @Override
    public Optional<CacheCounts> counts(KeyValueStore decorated) {
        CacheStats stats = ((CacheDecorator) decorated).stats();
        return Optional.of(new CacheCounts(stats.hitCount(), stats.missCount(), stats.loadFailureCount()));
    }

    @Override
    public void close() {
        close.run();
    }
}
