package org.kvcaches.s3;

import org.kvcaches.tck.KeyValueStoreContract;
import org.kvcaches.tck.StoreFixture;
import org.kvcaches.testservers.S3Fixture;

/** The whole contract on S3 stores at the root of a bucket of their own, with the SDK's lighter checksums. */
class S3BucketRootTckTest implements KeyValueStoreContract {
    @Override
    public StoreFixture fixture() {
        return new S3Fixture(false, "checksums=whenRequired");
    }
}
