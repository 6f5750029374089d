package org.kvcaches.cache;

import org.kvcaches.tck.fault.ChainFixture;
import org.kvcaches.tck.fault.FaultyCacheTierContract;
import org.kvcaches.testservers.RedisFixture;
import org.kvcaches.testservers.RedisTestServers;

/** The fault contract for a {@link CacheDecorator} with a faulty Redis tier (a fresh prefix per test) over {@code mem:}. */
class RedisTierFaultTest implements FaultyCacheTierContract {
    @Override
    public ChainFixture fixture() {
        RedisFixture redis = new RedisFixture(RedisTestServers.standaloneUri(), 7, true);
        return new HeapTierFaultTest.DecoratorChains(redis::newStore, HeapTierFaultTest.DecoratorChains::cacheDecorator, redis::close);
    }
}
