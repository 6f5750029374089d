package org.kvcaches.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * The servers the Redis and S3 benchmarks run against, so that no benchmark needs a server set up by
 * hand: the one named by the environment ({@code KV_TEST_REDIS_URI}; {@code KV_TEST_S3_ENDPOINT} with
 * {@code KV_TEST_S3_ACCESS_KEY}, {@code KV_TEST_S3_SECRET_KEY} and {@code KV_TEST_S3_REGION}, or the
 * AWS default chain), else a {@code redis-server} child process on a free loopback port, or S3Proxy inside
 * the benchmark JVM (in memory, or in the folder of {@code -Dkv.test.s3.dir}). Benchmark code is main code
 * and does not build on the test fixtures of the backends, which also make clusters and fault setups.
 */
final class BenchServers {
    private static String redis;
    private static S3Server s3;
    private static S3Proxy s3proxy;

    private BenchServers() {
    }

    /** @return {@code redis://host:port} of a standalone server, started on first use and stopped at JVM exit */
    static synchronized String redisUri() {
        if (redis == null) {
            String given = System.getenv("KV_TEST_REDIS_URI");
            redis = given != null && !given.isBlank() ? given.strip() : startRedis();
        }
        return redis;
    }

    private static String startRedis() {
        try {
            int port = freePort();
            Path dir = Files.createTempDirectory("kv-bench-redis");
            Process server = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (true) {
                try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", port))) {
                    jedis.ping();
                    return "redis://127.0.0.1:" + port;
                } catch (JedisConnectionException notYet) {
                    if (!server.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("redis-server did not answer on port " + port + " (log: "
                                + dir.resolve("redis.log") + "); set KV_TEST_REDIS_URI to a running server", notYet);
                    }
                    Thread.sleep(10);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run redis-server (apt-get install -y redis-server), or set KV_TEST_REDIS_URI", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting redis-server", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    /**
     * An S3-compatible server: where it is and how to sign requests to it.
     *
     * @param endpoint the server's URL
     * @param accessKey the access key id, or {@code null} for the AWS default chain
     * @param secretKey the secret key, or {@code null}
     * @param region the signing region
     */
    record S3Server(URI endpoint, String accessKey, String secretKey, String region) {
        /**
         * @param bucket the bucket
         * @param options more query options
         * @return an {@code s3:} store URI for the bucket on this server
         */
        String uri(String bucket, String options) {
            String userInfo = accessKey == null ? "" : encode(accessKey) + ":" + encode(secretKey) + "@";
            return "s3://" + userInfo + bucket + "?endpoint=" + endpoint + "&region=" + region + "&" + options;
        }

        /** @return a raw client of this server */
        S3Client client() {
            return S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.of(region))
                    .credentialsProvider(accessKey == null ? DefaultCredentialsProvider.builder().build()
                            : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                    .build();
        }

        /**
         * Deletes every object of a bucket, then the bucket.
         *
         * @param bucket the bucket
         */
        void deleteBucket(String bucket) {
            try (S3Client client = client()) {
                client.listObjectsV2Paginator(b -> b.bucket(bucket)).forEach(page -> {
                    List<ObjectIdentifier> ids = page.contents().stream()
                            .map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList();
                    if (!ids.isEmpty()) {
                        client.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(true)));
                    }
                });
                client.deleteBucket(b -> b.bucket(bucket));
            }
        }

        private static String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8);
        }
    }

    /** @return the S3 server of this JVM, started on first use */
    static synchronized S3Server s3() {
        if (s3 == null) {
            String endpoint = System.getenv("KV_TEST_S3_ENDPOINT");
            if (endpoint != null && !endpoint.isBlank()) {
                String region = System.getenv("KV_TEST_S3_REGION");
                s3 = new S3Server(URI.create(endpoint.strip()), System.getenv("KV_TEST_S3_ACCESS_KEY"),
                        System.getenv("KV_TEST_S3_SECRET_KEY"), region == null ? "us-east-1" : region);
            } else {
                s3 = startS3Proxy();
            }
        }
        return s3;
    }

    private static S3Server startS3Proxy() {
        String secret = "secret-" + UUID.randomUUID();
        String dir = System.getProperty("kv.test.s3.dir");
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(dir == null || dir.isBlank() ? new TransientNio2BlobStore() : new FilesystemNio2BlobStore(dir))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "kv-bench", secret)
                .ignoreUnknownHeaders(true)
                .stopTimeout(0)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start within 30 s; set KV_TEST_S3_ENDPOINT");
                }
                Thread.sleep(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy (" + e + "); set KV_TEST_S3_ENDPOINT", e);
        }
        s3proxy = proxy;
        return new S3Server(URI.create("http://127.0.0.1:" + proxy.getPort()), "kv-bench", secret, "us-east-1");
    }

    /**
     * Starts the S3 server on its own and prints a store URI for a fresh bucket, so that a measurement in
     * another JVM (such as {@link LargeValueHeap}'s peak heap) does not count the server's memory:
     * {@code java -Dkv.test.s3.dir=/tmp/kv-s3 -cp kv-bench/target/benchmarks.jar org.kvcaches.bench.BenchServers}.
     * It runs until killed.
     *
     * @param args none
     * @throws InterruptedException never; it waits until the process is killed
     */
    public static void main(String[] args) throws InterruptedException {
        S3Server server = s3();
        String bucket = "kv-bench-" + UUID.randomUUID().toString().substring(0, 8);
        try (S3Client client = server.client()) {
            client.createBucket(b -> b.bucket(bucket));
        }
        System.out.println(server.uri(bucket, "partSize=8MiB"));
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Stops the S3Proxy this JVM started, if any, whose threads would keep a benchmark fork alive. */
    static synchronized void stopS3() {
        if (s3proxy != null) {
            try {
                s3proxy.stop();
            } catch (Exception e) {
                System.err.println("S3Proxy did not stop cleanly: " + e);
            }
            s3proxy = null;
            s3 = null;
        }
    }
}
