package org.kvcaches.s3;

import org.kvcaches.tck.KeyValueStoreContract;
import org.kvcaches.tck.StoreFixture;
import org.kvcaches.testservers.S3Fixture;

/** The whole contract on S3 stores that share a bucket, each under its own prefix. */
class S3PrefixedTckTest implements KeyValueStoreContract {
    @Override
    public StoreFixture fixture() {
        return new S3Fixture(true, "");
    }
}
