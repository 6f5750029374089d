package org.kvcaches.testservers;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.kvcaches.testservers.ServerSelection.Choice;
import org.kvcaches.testservers.ServerSelection.Kind;
import org.kvcaches.testservers.ServerSelection.Source;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3-compatible server of a test run, shared by every test class in the JVM, from the first place
 * {@link ServerSelection} finds: {@code KV_TEST_S3_ENDPOINT} (with {@code KV_TEST_S3_ACCESS_KEY},
 * {@code KV_TEST_S3_SECRET_KEY} and {@code KV_TEST_S3_REGION}, or the AWS default chain) when set, for
 * real S3, MinIO or LocalStack; otherwise S3Proxy started inside this JVM on a free loopback port, in
 * memory, behind {@link FlatNameBlobStore}, which gives it S3's flat names and atomic conditional writes;
 * or, with {@code KV_TEST_SERVERS=containers} and a Docker engine, a LocalStack container. Each test
 * class makes its own bucket with {@link #newBucket(String)}.
 */
public final class S3TestServers {
    private static final Kind S3 = new Kind("S3", "KV_TEST_S3_ENDPOINT", "S3Proxy inside this JVM",
            "a dependency of kv-test-servers", Docker.localStackImage() + " (LocalStack)");
    private static Server server;
    private static S3Proxy started;

    /**
     * Where the server is and how to sign requests to it.
     *
     * @param endpoint the server's URL
     * @param accessKey the access key id, or {@code null} for the AWS default chain
     * @param secretKey the secret key, or {@code null}
     * @param region the signing region
     * @param emulator a name for the server in messages
     * @param listsUploads whether the server implements ListMultipartUploads (s3rver answers 501), so that
     *     tests can check that no upload was left unfinished
     */
    public record Server(URI endpoint, String accessKey, String secretKey, String region, String emulator, boolean listsUploads) {
        /**
         * A server that implements ListMultipartUploads, as S3 and S3Proxy do.
         *
         * @param endpoint the server's URL
         * @param accessKey the access key id, or {@code null} for the AWS default chain
         * @param secretKey the secret key, or {@code null}
         * @param region the signing region
         * @param emulator a name for the server in messages
         */
        public Server(URI endpoint, String accessKey, String secretKey, String region, String emulator) {
            this(endpoint, accessKey, secretKey, region, emulator, true);
        }

        /**
         * @param bucket the bucket
         * @param prefix the store's prefix without slashes at its ends, or {@code ""}
         * @param options more query options, {@code ""} for none
         * @return a store URI for this server
         */
        public String uri(String bucket, String prefix, String options) {
            String userInfo = accessKey == null ? "" : encode(accessKey) + ":" + encode(secretKey) + "@";
            return "s3://" + userInfo + bucket + (prefix.isEmpty() ? "" : "/" + prefix) + "?endpoint=" + endpoint
                    + "&region=" + region + (options.isEmpty() ? "" : "&" + options);
        }

        /** @return a client of this server for checks the store's API cannot make */
        public S3Client client() {
            var builder = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.of(region));
            return builder.credentialsProvider(accessKey == null ? DefaultCredentialsProvider.builder().build()
                    : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey))).build();
        }

        /**
         * @param hint part of the name, lower-case letters and digits
         * @return the name of a new, empty bucket on this server
         */
        public String newBucket(String hint) {
            String bucket = "kv-" + hint + "-" + UUID.randomUUID().toString().substring(0, 8);
            try (S3Client client = client()) {
                client.createBucket(b -> b.bucket(bucket));
            }
            return bucket;
        }

        /**
         * Empties a bucket of this server (objects and unfinished uploads) and deletes it.
         *
         * @param bucket the bucket
         */
        public void deleteBucket(String bucket) {
            try (S3Client client = client()) {
                deleteObjects(client, bucket, "");
                for (MultipartUpload upload : listsUploads() ? unfinishedUploads(client, bucket) : List.<MultipartUpload>of()) {
                    client.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                }
                client.deleteBucket(b -> b.bucket(bucket));
            }
        }

        private static String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8);
        }
    }

    private S3TestServers() {
    }

    /** @return the server of this test run, started on first use */
    public static synchronized Server server() {
        if (server == null) {
            Choice choice = ServerSelection.chooseOrAbort(S3, true);
            if (choice.source() == Source.ENVIRONMENT) {
                String region = System.getenv("KV_TEST_S3_REGION");
                server = new Server(URI.create(choice.address()), System.getenv("KV_TEST_S3_ACCESS_KEY"),
                        System.getenv("KV_TEST_S3_SECRET_KEY"), region == null ? "us-east-1" : region, choice.address());
            } else if (choice.source() == Source.CONTAINER) {
                server = Containers.localStack();
            } else {
                server = startS3Proxy();
            }
        }
        return server;
    }

    private static Server startS3Proxy() {
        String secret = "secret-" + UUID.randomUUID();
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(Boolean.parseBoolean(System.getProperty("kv.test.s3.flat", "true"))
                        ? new FlatNameBlobStore(blobStore()) : blobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "kv-test", secret)
                .ignoreUnknownHeaders(true)
                .stopTimeout(0)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start within 30 s (state " + proxy.getState()
                            + "); set KV_TEST_S3_ENDPOINT to use another S3-compatible server");
                }
                Thread.sleep(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy inside the test JVM (" + e
                    + "); set KV_TEST_S3_ENDPOINT to use another S3-compatible server", e);
        }
        started = proxy;
        Runtime.getRuntime().addShutdownHook(new Thread(S3TestServers::stop));
        return new Server(URI.create("http://127.0.0.1:" + proxy.getPort()), "kv-test", secret, "us-east-1",
                "S3Proxy (in-JVM, transient)");
    }

    /**
     * In memory, or in the folder named by the system property {@code kv.test.s3.dir} (for benchmarks of
     * large values). {@code -Dkv.test.s3.flat=false} leaves out {@link FlatNameBlobStore}, whose listing
     * reads every name under the prefix for each page: benchmarks of listing use S3Proxy alone.
     */
    private static BlobStore blobStore() {
        String dir = System.getProperty("kv.test.s3.dir");
        return dir == null || dir.isBlank() ? new TransientNio2BlobStore() : new FilesystemNio2BlobStore(dir);
    }

    /** Stops the S3Proxy this JVM started, if any, so that its threads do not keep a benchmark's JVM alive. */
    public static synchronized void stop() {
        if (started != null) {
            try {
                started.stop();
            } catch (Exception e) {
                System.err.println("S3Proxy did not stop cleanly: " + e);
            }
            started = null;
            server = null;
        }
    }

    /**
     * @param hint part of the name, lower-case letters and digits
     * @return the name of a new, empty bucket
     */
    public static String newBucket(String hint) {
        return server().newBucket(hint);
    }

    /**
     * Empties a bucket (objects and unfinished uploads) and deletes it.
     *
     * @param bucket the bucket
     */
    public static void deleteBucket(String bucket) {
        server().deleteBucket(bucket);
    }

    /**
     * @param client a client of the server
     * @param bucket the bucket
     * @param prefix the object name prefix, {@code ""} for all
     */
    public static void deleteObjects(S3Client client, String bucket, String prefix) {
        List<S3Object> objects;
        do {
            objects = client.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents();
            List<ObjectIdentifier> ids = objects.stream().map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList();
            if (!ids.isEmpty()) {
                client.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(true)));
            }
        } while (!objects.isEmpty());
    }

    /**
     * @param client a client of the server
     * @param bucket the bucket
     * @return the multipart uploads started and neither completed nor aborted
     */
    public static List<MultipartUpload> unfinishedUploads(S3Client client, String bucket) {
        return client.listMultipartUploads(b -> b.bucket(bucket)).uploads();
    }
}
