package org.kvcaches.cache;

import org.kvcaches.redis.RedisFixture;
import org.kvcaches.redis.RedisTestServers;
import org.kvcaches.tck.fault.ChainFixture;
import org.kvcaches.tck.fault.FaultyCacheTierContract;

/** The fault contract for a {@link CacheDecorator} with a faulty Redis tier (a fresh prefix per test) over {@code mem:}. */
class RedisTierFaultTest implements FaultyCacheTierContract {
    @Override
    public ChainFixture fixture() {
        RedisFixture redis = new RedisFixture(RedisTestServers.standaloneUri(), 7, true);
        return new HeapTierFaultTest.DecoratorChains(redis::newStore, HeapTierFaultTest.DecoratorChains::cacheDecorator, redis::close);
    }
}
