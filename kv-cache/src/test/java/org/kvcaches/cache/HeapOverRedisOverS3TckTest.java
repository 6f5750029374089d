package org.kvcaches.cache;

import org.junit.jupiter.api.DisplayName;
import org.kvcaches.tck.KeyValueStoreContract;
import org.kvcaches.tck.StoreFixture;

/** The whole contract on the three-tier chain {@code heap | redis | s3}. */
@DisplayName("TCK: heap | redis | s3")
class HeapOverRedisOverS3TckTest implements KeyValueStoreContract {
    @Override
    public StoreFixture fixture() {
        return new RedisOverS3TckTest.ChainFixture(true);
    }
}
