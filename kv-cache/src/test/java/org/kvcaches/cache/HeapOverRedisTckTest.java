package org.kvcaches.cache;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.tck.KeyValueStoreContract;
import org.kvcaches.tck.StoreFixture;
import org.kvcaches.testservers.RedisFixture;
import org.kvcaches.testservers.RedisTestServers;

/** The whole contract on {@code heap | redis} (a fresh Redis prefix per test). */
@DisplayName("TCK: heap | redis")
class HeapOverRedisTckTest implements KeyValueStoreContract {
    @Override
    public StoreFixture fixture() {
        RedisFixture redis = new RedisFixture(RedisTestServers.standaloneUri(), 4, true);
        return new StoreFixture() {
            @Override
            public KeyValueStore newStore() {
                return CacheDecorator.builder(KeyValueStores.open("heap://?maxBytes=256MiB"), redis.newStore()).build();
            }

            @Override
            public List<String> leftovers() {
                return redis.leftovers();
            }

            @Override
            public String toString() {
                return "heap | redis";
            }
        };
    }
}
