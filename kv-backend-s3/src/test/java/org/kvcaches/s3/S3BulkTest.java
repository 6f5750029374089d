package org.kvcaches.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.KvException;
import org.kvcaches.testservers.S3TestServers;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.S3Client;

/** S3's own page and batch limits (1000 keys), and connections given back on early close. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3BulkTest {
    private final S3TestServers.Server server = S3TestServers.server();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private S3Client counted;
    private String bucket;

    @BeforeAll
    void createBucket() {
        bucket = S3TestServers.newBucket("bulk");
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                requests.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger())
                        .incrementAndGet();
            }
        };
        S3Client plain = server.client();
        counted = S3Client.builder().endpointOverride(server.endpoint()).forcePathStyle(true)
                .region(plain.serviceClientConfiguration().region())
                .credentialsProvider(plain.serviceClientConfiguration().credentialsProvider())
                .overrideConfiguration(o -> o.addExecutionInterceptor(counter)).build();
        plain.close();
    }

    @AfterAll
    void deleteBucket() {
        counted.close();
        S3TestServers.deleteBucket(bucket);
    }

    private int count(String operation) {
        AtomicInteger n = requests.get(operation);
        return n == null ? 0 : n.get();
    }

    @Test
    void listingAndBatchDeleteGoBeyondOnePageOf1000() {
        try (KeyValueStore store = new S3StoreBuilder().client(counted).bucket(bucket).prefix("many/").build()) {
            Set<String> written = IntStream.range(0, 1500).mapToObj(i -> "k/" + i).collect(Collectors.toSet());
            written.parallelStream().forEach(k -> store.put(k, k.getBytes()));
            requests.clear();
            try (Stream<String> keys = store.keys("")) {
                List<String> listed = keys.toList();
                assertEquals(1500, listed.size());
                assertEquals(written, Set.copyOf(listed));
            }
            assertEquals(2, count("ListObjectsV2"), "1500 keys in pages of 1000");
            try (Stream<String> level = store.prefixes("", "/")) {
                assertEquals(List.of("k/"), level.toList());
            }
            store.deleteAll(written);
            assertEquals(2, count("DeleteObjects"), "1500 keys in batches of 1000");
            try (Stream<String> keys = store.keys("")) {
                assertEquals(0, keys.count());
            }
        }
    }

    @Test
    void earlyClosedReadsGiveTheirConnectionsBack() throws Exception {
        try (KeyValueStore store = KeyValueStores.open(server.uri(bucket, "early", "maxConnections=2&timeout=3s"))) {
            byte[] value = new byte[4 << 20];
            new java.util.Random(1).nextBytes(value);
            store.put("v", value);
            for (int i = 0; i < 40; i++) {
                try (InputStream in = store.open("v")) {
                    assertEquals(value[0] & 0xFF, in.read());
                }
                try (InputStream in = store.open("v", 1000, 1 << 20)) {
                    assertEquals(value[1000] & 0xFF, in.read());
                }
            }
            assertArrayEquals(value, store.get("v"));
            store.delete("v");
        }
    }

    @Test
    void failedDeletesOfABatchAreReportedByKey() {
        String gone = S3TestServers.newBucket("gone");
        try (S3Client own = server.client();
             KeyValueStore store = new S3StoreBuilder().client(own).bucket(gone).build()) {
            store.put("a", new byte[1]);
            S3TestServers.deleteBucket(gone);
            KvException e = assertThrows(KvException.class, () -> store.deleteAll(List.of("a", "b")));
            // S3Proxy answers DeleteObjects on a missing bucket with an error per key, as the batch API allows.
            assertTrue(e.getMessage().contains("cannot delete 2 of 2 keys") && e.getMessage().contains("'a' (NoSuchBucket")
                    && e.getMessage().contains("'b' (NoSuchBucket"), e.getMessage());
        }
    }
}
