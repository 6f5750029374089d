package org.kvcaches.cache;

import org.kvcaches.tck.cache.CacheContract;
import org.kvcaches.tck.cache.CacheFixture;
import org.kvcaches.testservers.RedisFixture;
import org.kvcaches.testservers.RedisTestServers;

/**
 * The cache contract for a {@link CacheDecorator} with a Redis cache (a fresh key prefix per test) over
 * {@code mem:}: fills go through leases in Redis, as they would for decorators in several processes.
 */
class RedisCacheContractTest implements CacheContract {
    @Override
    public CacheFixture cacheFixture() {
        RedisFixture redis = new RedisFixture(RedisTestServers.standaloneUri(), 6, true);
        return new DecoratorFixture(redis::newStore, redis::close);
    }
}
