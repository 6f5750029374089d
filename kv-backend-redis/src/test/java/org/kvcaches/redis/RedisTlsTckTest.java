package org.kvcaches.redis;

import org.kvcaches.tck.KeyValueStoreContract;
import org.kvcaches.tck.StoreFixture;
import org.kvcaches.testservers.RedisFixture;
import org.kvcaches.testservers.RedisTestServers;

/** The whole contract over {@code rediss:}: a TLS-only server whose certificate is trusted through option caCert. */
class RedisTlsTckTest implements KeyValueStoreContract {
    @Override
    public StoreFixture fixture() {
        return new RedisFixture(RedisTestServers.tlsUri(), 1, false);
    }
}
