package org.kvcaches.cache;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.tck.KeyValueStoreContract;
import org.kvcaches.tck.StoreFixture;
import org.kvcaches.testservers.RedisFixture;
import org.kvcaches.testservers.RedisTestServers;
import org.kvcaches.testservers.S3Fixture;

/** The whole contract on {@code redis | s3}: a shared cache tier in front of object storage. */
@DisplayName("TCK: redis | s3")
class RedisOverS3TckTest implements KeyValueStoreContract {
    @Override
    public StoreFixture fixture() {
        return new ChainFixture(false);
    }

    /** Redis (a fresh prefix per test) over S3 (a fresh prefix per test in one bucket), optionally under heap. */
    static final class ChainFixture implements StoreFixture {
        private final RedisFixture redis = new RedisFixture(RedisTestServers.standaloneUri(), 5, true);
        private final S3Fixture s3 = new S3Fixture(true, "");
        private final boolean heapOnTop;

        ChainFixture(boolean heapOnTop) {
            this.heapOnTop = heapOnTop;
        }

        @Override
        public KeyValueStore newStore() {
            KeyValueStore redisOverS3 = CacheDecorator.builder(redis.newStore(), s3.newStore()).build();
            return heapOnTop ? CacheDecorator.builder(KeyValueStores.open("heap://?maxBytes=256MiB"), redisOverS3).build()
                    : redisOverS3;
        }

        @Override
        public void cleanUp(KeyValueStore store) {
            s3.cleanUp(store);
        }

        @Override
        public List<String> leftovers() {
            List<String> left = new ArrayList<>(redis.leftovers());
            left.addAll(s3.leftovers());
            return left;
        }

        @Override
        public int listingPageSize() {
            return s3.listingPageSize();
        }

        @Override
        public List<String> secrets() {
            return s3.secrets();
        }

        @Override
        public void close() {
            s3.close();
        }

        @Override
        public String toString() {
            return heapOnTop ? "heap | redis | s3" : "redis | s3";
        }
    }
}
