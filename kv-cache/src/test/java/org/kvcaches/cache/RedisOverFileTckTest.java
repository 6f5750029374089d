package org.kvcaches.cache;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.tck.KeyValueStoreContract;
import org.kvcaches.tck.StoreFixture;
import org.kvcaches.testservers.RedisFixture;
import org.kvcaches.testservers.RedisTestServers;

/** The whole contract on {@code redis | file}: the cache tier is a shared Redis, so fills go through leases. */
@DisplayName("TCK: redis | file")
class RedisOverFileTckTest implements KeyValueStoreContract {
    @Override
    public StoreFixture fixture() {
        RedisFixture redis = new RedisFixture(RedisTestServers.standaloneUri(), 5, true);
        return new StoreFixture() {
            private final Path base = TempFolders.create();
            private int count;

            @Override
            public KeyValueStore newStore() {
                return CacheDecorator.builder(redis.newStore(), KeyValueStores.open(base.resolve("s" + (++count)).toUri().toString()))
                        .build();
            }

            @Override
            public void close() {
                TempFolders.delete(base);
            }

            @Override
            public String toString() {
                return "redis | file";
            }
        };
    }
}
