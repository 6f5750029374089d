package org.kvcaches.s3;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.tck.fault.KilledWriterContract;
import org.kvcaches.tck.fault.KilledWriterFixture;
import org.kvcaches.testservers.S3TestServers;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * A writer JVM killed mid-put on S3 (the in-JVM S3Proxy, which listens on loopback and so is
 * reachable from the writer's JVM), each test under its own prefix of one bucket. The killed
 * writer's multipart upload stays unfinished: S3 never lists it as an object, and a bucket lifecycle
 * rule ({@code AbortIncompleteMultipartUpload}) removes it on real S3; {@link #cleanUp} aborts it here.
 */
class S3KilledWriterTest implements KilledWriterContract {

    @Override
    public KilledWriterFixture fixture() {
        return new Prefixes();
    }

    private static final class Prefixes implements KilledWriterFixture {
        private final S3TestServers.Server server = S3TestServers.server();
        private final S3Client client = server.client();
        private final String bucket = S3TestServers.newBucket("killed");
        private final Map<KeyValueStore, String> prefixes = new IdentityHashMap<>();
        private int count;

        @Override
        public KeyValueStore newStore() {
            String prefix = "t" + (++count);
            KeyValueStore store = KeyValueStores.open(server.uri(bucket, prefix, ""));
            prefixes.put(store, prefix);
            return store;
        }

        @Override
        public String uri(KeyValueStore store) {
            return server.uri(bucket, prefixes.get(store), "");
        }

        /** 24 MiB: three of the store's 8 MiB parts, so the kill comes after parts were uploaded. */
        @Override
        public long bytesBeforeKill() {
            return 24L << 20;
        }

        @Override
        public void cleanUp(KeyValueStore store) {
            String prefix = prefixes.remove(store);
            S3TestServers.deleteObjects(client, bucket, prefix + "/");
            for (MultipartUpload upload : S3TestServers.unfinishedUploads(client, bucket)) {
                client.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
            }
        }

        @Override
        public List<String> secrets() {
            return server.secretKey() == null ? List.of() : List.of(server.secretKey());
        }

        @Override
        public void close() {
            S3TestServers.deleteBucket(bucket);
            client.close();
        }

        @Override
        public String toString() {
            return server.uri(bucket, "t<N>", "").replaceFirst("//[^@/]*@", "//***@");
        }
    }
}
