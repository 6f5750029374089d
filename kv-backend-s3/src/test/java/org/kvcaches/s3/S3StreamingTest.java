package org.kvcaches.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.KvException;
import org.kvcaches.testservers.S3TestServers;
import software.amazon.awssdk.services.s3.S3Client;

/** Multipart streaming: large unknown-length values, failures half way, multipart copy. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3StreamingTest {
    private final S3TestServers.Server server = S3TestServers.server();
    private S3Client client;
    private String bucket;

    @BeforeAll
    void createBucket() {
        client = server.client();
        bucket = S3TestServers.newBucket("streaming");
    }

    @AfterEach
    void noUploadIsLeftUnfinished() {
        assertEquals(List.of(), S3TestServers.unfinishedUploads(client, bucket).stream().map(u -> u.key()).toList());
    }

    @AfterAll
    void deleteBucket() {
        S3TestServers.deleteBucket(bucket);
        client.close();
    }

    private KeyValueStore open(String options) {
        return KeyValueStores.open(server.uri(bucket, "s", options));
    }

    /** A deterministic pseudo-random stream of a given length that never exists in memory whole. */
    static InputStream generated(long length, long seed, long failAfter) {
        return new InputStream() {
            private final Random random = new Random(seed);
            private long position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int len) throws IOException {
                if (position >= failAfter) {
                    throw new IOException("planted failure after " + position + " bytes");
                }
                if (position >= length) {
                    return -1;
                }
                int n = (int) Math.min(len, Math.min(length - position, Math.max(1, failAfter - position)));
                byte[] chunk = new byte[n];
                random.nextBytes(chunk);
                System.arraycopy(chunk, 0, buffer, offset, n);
                position += n;
                return n;
            }
        };
    }

    static byte[] digest(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream digesting = new DigestInputStream(in, sha)) {
            digesting.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return sha.digest();
    }

    @Test
    void streamAbove64MiBGoesUpInPartsAndReadsBackExactly() throws Exception {
        long size = (70L << 20) + 12_345;
        try (KeyValueStore store = open("partSize=8MiB")) {
            store.put("big", generated(size, 7, Long.MAX_VALUE));
            assertEquals(size, store.size("big"));
            try (InputStream in = store.open("big")) {
                assertArrayEquals(digest(generated(size, 7, Long.MAX_VALUE)), digest(in));
            }
            String etag = client.headObject(b -> b.bucket(bucket).key("s/big")).eTag();
            assertTrue(etag.contains("-9"), "a 9-part multipart upload, ETag " + etag);
            store.delete("big");
        }
    }

    @Test
    void streamFailingHalfWayLeavesNoObjectAndNoUpload() {
        try (KeyValueStore store = open("partSize=5MiB&partsInFlight=3")) {
            KvException e = assertThrows(KvException.class, () -> store.put("half", generated(40L << 20, 3, 23L << 20)));
            assertTrue(e.getMessage().contains("'half'") && e.getMessage().contains("planted failure"), e.getMessage());
            assertFalse(store.contains("half"));
        }
    }

    @Test
    void streamFailingHalfWayKeepsTheOldValue() {
        try (KeyValueStore store = open("partSize=5MiB")) {
            store.put("kept", "old".getBytes());
            assertThrows(KvException.class, () -> store.put("kept", generated(20L << 20, 3, 12L << 20)));
            assertArrayEquals("old".getBytes(), store.get("kept"));
            store.delete("kept");
        }
    }

    @Test
    void valueOfExactlyOnePartIsOneObject() throws Exception {
        try (KeyValueStore store = open("partSize=5MiB")) {
            store.put("one", generated(5L << 20, 1, Long.MAX_VALUE));
            String etag = client.headObject(b -> b.bucket(bucket).key("s/one")).eTag();
            assertFalse(etag.contains("-"), "a single PutObject, ETag " + etag);
            try (InputStream in = store.open("one")) {
                assertArrayEquals(digest(generated(5L << 20, 1, Long.MAX_VALUE)), digest(in));
            }
            store.delete("one");
        }
    }

    @Test
    void copyAboveTheThresholdGoesPartByPart() throws Exception {
        long size = (12L << 20) + 7;
        try (S3Client own = server.client();
             KeyValueStore store = new S3StoreBuilder().client(own).bucket(bucket).prefix("c/").partSize(5L << 20)
                     .multipartCopyThreshold(5L << 20).build()) {
            store.put("source", generated(size, 5, Long.MAX_VALUE));
            store.copy("source", "target");
            try (InputStream in = store.open("target")) {
                assertArrayEquals(digest(generated(size, 5, Long.MAX_VALUE)), digest(in));
            }
            String etag = client.headObject(b -> b.bucket(bucket).key("c/target")).eTag();
            assertTrue(etag.contains("-3"), "copied in 3 parts, ETag " + etag);
            store.deleteAll(List.of("source", "target"));
        }
    }
}
