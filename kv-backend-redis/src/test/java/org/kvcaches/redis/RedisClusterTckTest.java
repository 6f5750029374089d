package org.kvcaches.redis;

import org.kvcaches.tck.KeyValueStoreContract;
import org.kvcaches.tck.StoreFixture;
import org.kvcaches.testservers.RedisFixture;
import org.kvcaches.testservers.RedisTestServers;

/** The whole contract on a local 3-master Redis Cluster. */
class RedisClusterTckTest implements KeyValueStoreContract {
    @Override
    public StoreFixture fixture() {
        return new RedisFixture(RedisTestServers.clusterUri(), 0, false);
    }
}
