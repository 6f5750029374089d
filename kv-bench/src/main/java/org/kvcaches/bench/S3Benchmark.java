package org.kvcaches.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.testservers.S3TestServers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The {@code s3:} store against the raw SDK {@link S3Client} making the same requests to the same
 * server ({@code KV_TEST_S3_ENDPOINT}, or S3Proxy inside the benchmark JVM, in memory or in the folder
 * of {@code -Dkv.test.s3.dir}): get and put of 1 KiB and 8 MiB, listing 5,000 keys, and a streamed put
 * of 256 MiB of unknown length (multipart, 8 MiB parts; the store keeps 2 parts in flight, the raw
 * client uploads them one by one as the simplest correct code would). The store verifies what the server
 * stored and what it read ({@code verify=true}, the default); the {@code Unverified} variants measure the
 * same store with {@code verify=false}, so that the cost of the checks is a ratio from one run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class S3Benchmark {
    private static final int PART = 8 << 20;

    /** A bucket of its own, the store on it, and a raw client. */
    @State(Scope.Benchmark)
    public static class Bucket {
        String bucket;
        KeyValueStore store;
        KeyValueStore unverified;
        S3Client raw;

        /** Makes the bucket and both clients. */
        @Setup(Level.Trial)
        public void open() {
            // S3Proxy alone, as before: the tests' FlatNameBlobStore re-reads and hashes every GET body.
            System.getProperties().putIfAbsent("kv.test.s3.flat", "false");
            S3TestServers.Server server = S3TestServers.server();
            bucket = "kv-bench-" + UUID.randomUUID().toString().substring(0, 8);
            raw = server.client();
            raw.createBucket(b -> b.bucket(bucket));
            store = KeyValueStores.open(server.uri(bucket, "", "maxConnections=16&partSize=8MiB"));
            unverified = KeyValueStores.open(server.uri(bucket, "", "maxConnections=16&partSize=8MiB&verify=false"));
        }

        /** Deletes the bucket, closes both clients and stops an in-JVM server, whose threads would keep the fork alive. */
        @TearDown(Level.Trial)
        public void close() {
            store.close();
            unverified.close();
            raw.close();
            S3TestServers.deleteBucket(bucket);
            S3TestServers.stop();
        }
    }

    /** 100 keys holding values of one size. */
    @State(Scope.Benchmark)
    public static class Values extends Bucket {
        private static final int KEYS = 100;

        @Param({"1024", "8388608"})
        public int valueSize;

        byte[] value;
        String[] keys;

        /** Writes the keys through the store, so that they carry the CRC32 its reads are checked by. */
        @Setup(Level.Trial)
        public void fill() {
            value = new byte[valueSize];
            ThreadLocalRandom.current().nextBytes(value);
            keys = new String[KEYS];
            for (int i = 0; i < KEYS; i++) {
                keys[i] = "v/" + i;
                store.put(keys[i], value);
            }
        }

        String anyKey() {
            return keys[ThreadLocalRandom.current().nextInt(KEYS)];
        }
    }

    /** 5,000 keys to list. */
    @State(Scope.Benchmark)
    public static class Listing extends Bucket {
        /** Writes the keys through the raw client, 8 at a time. */
        @Setup(Level.Trial)
        public void fill() {
            java.util.stream.IntStream.range(0, 5000).parallel().forEach(i ->
                    raw.putObject(b -> b.bucket(bucket).key("l/" + i), RequestBody.fromBytes(new byte[16])));
        }
    }

    /** @return a value read through the store */
    @Benchmark
    public byte[] storeGet(Values state) {
        return state.store.get(state.anyKey());
    }

    /** @return a value read through the store without its checks */
    @Benchmark
    public byte[] storeGetUnverified(Values state) {
        return state.unverified.get(state.anyKey());
    }

    /** @return a value read with a raw GetObject */
    @Benchmark
    public byte[] rawGet(Values state) {
        String key = state.anyKey();
        return state.raw.getObject(b -> b.bucket(state.bucket).key(key), ResponseTransformer.toBytes()).asByteArrayUnsafe();
    }

    /** Writes through the store (one PutObject). */
    @Benchmark
    public void storePut(Values state) {
        state.store.put(state.anyKey(), state.value);
    }

    /** Writes through the store without its checks. */
    @Benchmark
    public void storePutUnverified(Values state) {
        state.unverified.put(state.anyKey(), state.value);
    }

    /** Writes with a raw PutObject. */
    @Benchmark
    public void rawPut(Values state) {
        String key = state.anyKey();
        state.raw.putObject(b -> b.bucket(state.bucket).key(key), RequestBody.fromBytes(state.value));
    }

    /** @return the number of keys listed through the store */
    @Benchmark
    public long storeList5000(Listing state) {
        try (Stream<String> keys = state.store.keys("l/")) {
            return keys.count();
        }
    }

    /** @return the number of keys listed with raw ListObjectsV2 pages */
    @Benchmark
    public long rawList5000(Listing state) {
        return state.raw.listObjectsV2Paginator(b -> b.bucket(state.bucket).prefix("l/")).contents().stream()
                .map(S3Object::key).count();
    }

    /** Streams 256 MiB of unknown length through the store. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void storeStreamingPut256MiB(Bucket state) {
        state.store.put("stream", LargeValueHeap.generated(256L << 20));
    }

    /** Streams 256 MiB of unknown length as a raw multipart upload of 8 MiB parts, one at a time. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void rawStreamingPut256MiB(Bucket state) throws IOException {
        String bucket = state.bucket;
        S3Client raw = state.raw;
        String id = raw.createMultipartUpload(b -> b.bucket(bucket).key("stream")).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        byte[] buffer = new byte[PART];
        try (InputStream in = LargeValueHeap.generated(256L << 20)) {
            int n;
            while ((n = in.readNBytes(buffer, 0, PART)) > 0) {
                int number = parts.size() + 1;
                int length = n;
                String etag = raw.uploadPart(b -> b.bucket(bucket).key("stream").uploadId(id).partNumber(number),
                        RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                                "application/octet-stream")).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
        }
        raw.completeMultipartUpload(b -> b.bucket(bucket).key("stream").uploadId(id).multipartUpload(m -> m.parts(parts)));
    }
}
