package org.kvcaches.redis;

import org.kvcaches.tck.KeyValueStoreContract;
import org.kvcaches.tck.StoreFixture;
import org.kvcaches.testservers.RedisFixture;
import org.kvcaches.testservers.RedisTestServers;

/** The whole contract on a standalone Redis, each test under its own key prefix in one shared database. */
class RedisPrefixedTckTest implements KeyValueStoreContract {
    @Override
    public StoreFixture fixture() {
        return new RedisFixture(RedisTestServers.standaloneUri(), 2, true);
    }
}
