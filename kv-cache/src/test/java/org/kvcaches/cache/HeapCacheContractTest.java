package org.kvcaches.cache;

import org.kvcaches.api.KeyValueStores;
import org.kvcaches.tck.cache.CacheContract;
import org.kvcaches.tck.cache.CacheFixture;

/** The cache contract for a {@link CacheDecorator} with a {@code heap:} cache over {@code mem:}. */
class HeapCacheContractTest implements CacheContract {
    @Override
    public CacheFixture cacheFixture() {
        return new DecoratorFixture(() -> KeyValueStores.open("heap://?maxBytes=64MiB"), () -> { });
    }
}
