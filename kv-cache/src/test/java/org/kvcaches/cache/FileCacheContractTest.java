package org.kvcaches.cache;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.tck.cache.CacheContract;
import org.kvcaches.tck.cache.CacheFixture;

/**
 * The cache contract for a {@link CacheDecorator} with a {@code file:} cache over {@code mem:}: a cache
 * store without TTL or compare-and-set, so the decorator takes no leases and the lease tests are
 * skipped with that reason; its entries get the one-minute age bound such a cache requires.
 */
class FileCacheContractTest implements CacheContract {
    @Override
    public CacheFixture cacheFixture() {
        Path base = TempFolders.create();
        AtomicInteger count = new AtomicInteger();
        return new DecoratorFixture(() -> KeyValueStores.open(base.resolve("c" + count.incrementAndGet()).toUri().toString()),
                () -> TempFolders.delete(base), CacheDecorator.DEFAULT_MAX_STALENESS);
    }
}
