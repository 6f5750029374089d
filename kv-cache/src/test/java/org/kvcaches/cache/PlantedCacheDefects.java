package org.kvcaches.cache;

import java.time.Duration;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.tck.cache.CacheContract;
import org.kvcaches.tck.cache.CacheFixture;
import org.kvcaches.testservers.RedisFixture;
import org.kvcaches.testservers.RedisTestServers;

/**
 * Cache contract runs on decorators with planted defects. They are meant to fail, so Surefire never
 * runs them directly (see the pom); {@link CacheContractSelfTest} runs them through the JUnit
 * testkit and checks that they fail where they should.
 */
final class PlantedCacheDefects {
    private PlantedCacheDefects() {
    }

    /** A fixture for a decorator other than {@link CacheDecorator}. */
    private record Fixture(java.util.function.Supplier<KeyValueStore> caches, java.util.function.BinaryOperator<KeyValueStore> decorator,
                           Runnable closer) implements CacheFixture {
        @Override
        public KeyValueStore newCacheStore() {
            return caches.get();
        }

        @Override
        public KeyValueStore decorate(KeyValueStore cache, KeyValueStore store) {
            return decorator.apply(cache, store);
        }

        @Override
        public long maxCachedSize() {
            return DecoratorFixture.MAX_CACHED_SIZE;
        }

        @Override
        public Duration leaseTtl() {
            return DecoratorFixture.LEASE_TTL;
        }

        @Override
        public void close() {
            closer.run();
        }
    }

    /** The seed's algorithm over a {@code heap:} cache. */
    static class NaiveOnHeap implements CacheContract {
        @Override
        public CacheFixture cacheFixture() {
            return new Fixture(() -> KeyValueStores.open("heap:"), NaiveCacheDecorator::new, () -> { });
        }
    }

    /** The seed's algorithm over a Redis cache. */
    static class NaiveOnRedis implements CacheContract {
        @Override
        public CacheFixture cacheFixture() {
            RedisFixture redis = new RedisFixture(RedisTestServers.standaloneUri(), 7, true);
            return new Fixture(redis::newStore, NaiveCacheDecorator::new, redis::close);
        }
    }

    /** A decorator that never fills its cache: safe, and useless. */
    static class NeverCaches implements CacheContract {
        @Override
        public CacheFixture cacheFixture() {
            return new Fixture(() -> KeyValueStores.open("heap:"),
                    (cache, store) -> CacheDecorator.builder(cache, store).maxCachedSize(0).build(), () -> { });
        }
    }

    /** A decorator that does not count its failed loads (the fixture reads the counter it forgot). */
    static class UncountedLoadFailures implements CacheContract {
        @Override
        public CacheFixture cacheFixture() {
            return new DecoratorFixture(() -> KeyValueStores.open("heap:"), () -> { }) {
                @Override
                public java.util.Optional<org.kvcaches.tck.cache.CacheCounts> counts(KeyValueStore decorated) {
                    return super.counts(decorated).map(c -> new org.kvcaches.tck.cache.CacheCounts(c.hits(), c.misses(), 0));
                }
            };
        }
    }
}
