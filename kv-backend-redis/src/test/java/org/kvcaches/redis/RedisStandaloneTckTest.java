package org.kvcaches.redis;

import org.kvcaches.tck.KeyValueStoreContract;
import org.kvcaches.tck.StoreFixture;
import org.kvcaches.testservers.RedisFixture;
import org.kvcaches.testservers.RedisTestServers;

/** The whole contract on a standalone Redis, each test in a freshly emptied database. */
class RedisStandaloneTckTest implements KeyValueStoreContract {
    @Override
    public StoreFixture fixture() {
        return new RedisFixture(RedisTestServers.standaloneUri(), 1, false);
    }
}
