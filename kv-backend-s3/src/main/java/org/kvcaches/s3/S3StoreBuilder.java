package org.kvcaches.s3;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.Keys;
import org.kvcaches.api.KvException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Builds an S3 store over an {@link S3Client} the caller already has. Most users open stores by URI
 * instead: {@code KeyValueStores.open("s3://bucket/prefix?region=eu-west-1")}.
 *
 * <pre>{@code
 * KeyValueStore store = new S3StoreBuilder().client(myS3Client).bucket("my-bucket").prefix("app/").build();
 * }</pre>
 *
 * By default closing the store leaves the caller's client open. {@link #build()} checks that the bucket
 * exists and answers with these credentials.
 */
public final class S3StoreBuilder {
    static final long DEFAULT_PART_SIZE = 8L << 20;
    /** A part is buffered in one array, so it stays under the JVM's array limit: 2047 MiB, not S3's 5 GiB. */
    static final long MAX_BUFFERED_PART_SIZE = 2047L << 20;
    static final int DEFAULT_PARTS_IN_FLIGHT = 2;
    static final int MAX_PARTS_IN_FLIGHT = 64;
    static final Duration DEFAULT_URL_EXPIRY = Duration.ofMinutes(15);
    /** S3 signs URLs for at most a week. */
    static final Duration MAX_URL_EXPIRY = Duration.ofDays(7);
    /** S3's most keys per listing request, and the default. */
    static final int MAX_PAGE_SIZE = 1000;
    static final boolean DEFAULT_CONDITIONAL_WRITES = true;

    private S3Client client;
    private S3Presigner presigner;
    private boolean closeClient;
    private String bucket;
    private String prefix = "";
    private long partSize = DEFAULT_PART_SIZE;
    private int partsInFlight = DEFAULT_PARTS_IN_FLIGHT;
    private StorageClass storageClass;
    private ServerSideEncryption encryption;
    private String kmsKeyId;
    private Duration urlExpiry = DEFAULT_URL_EXPIRY;
    private int pageSize = MAX_PAGE_SIZE;
    private boolean conditionalWrites = DEFAULT_CONDITIONAL_WRITES;
    private long multipartCopyThreshold = S3Settings.MAX_PART_SIZE;
    private String description;

    /**
     * @param client the S3 client to use; its region, credentials and endpoint apply, and URLs are
     *     presigned with them
     * @return this builder
     */
    public S3StoreBuilder client(S3Client client) {
        this.client = Objects.requireNonNull(client, "client");
        return this;
    }

    /**
     * @param presigner signs the URLs of {@code url(key)}; by default one is made from the client's
     *     region, credentials and endpoint, with path-style URLs when the client has an endpoint override;
     *     the store closes it only if it made it
     * @return this builder
     */
    public S3StoreBuilder presigner(S3Presigner presigner) {
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        return this;
    }

    /**
     * @param close whether closing the store closes the client too (default {@code false})
     * @return this builder
     */
    public S3StoreBuilder closeClient(boolean close) {
        this.closeClient = close;
        return this;
    }

    /**
     * @param bucket the bucket, which must exist
     * @return this builder
     */
    public S3StoreBuilder bucket(String bucket) {
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        return this;
    }

    /**
     * @param prefix prepended as is to every key to name its object (end it with {@code /} to make a
     *     folder); printable ASCII; default none
     * @return this builder
     */
    public S3StoreBuilder prefix(String prefix) {
        Keys.requireValidPrefix(Objects.requireNonNull(prefix, "prefix"));
        this.prefix = prefix;
        return this;
    }

    /**
     * @param bytes the multipart part size for streamed puts, 5 MiB to 2047 MiB (default 8 MiB); values
     *     shorter than one part go up as a single PutObject
     * @return this builder
     */
    public S3StoreBuilder partSize(long bytes) {
        if (bytes < S3Settings.MIN_PART_SIZE || bytes > MAX_BUFFERED_PART_SIZE) {
            throw new IllegalArgumentException("part size must be between " + (S3Settings.MIN_PART_SIZE >> 20) + "MiB and "
                    + (MAX_BUFFERED_PART_SIZE >> 20) + "MiB, got " + bytes + " bytes");
        }
        this.partSize = bytes;
        return this;
    }

    /**
     * @param parts how many parts of one streamed put upload at once (default 2); the put holds at most
     *     {@code partSize x (parts + 1)} bytes of the value in memory
     * @return this builder
     */
    public S3StoreBuilder partsInFlight(int parts) {
        if (parts < 1 || parts > MAX_PARTS_IN_FLIGHT) {
            throw new IllegalArgumentException("parts in flight must be between 1 and " + MAX_PARTS_IN_FLIGHT + ", got " + parts);
        }
        this.partsInFlight = parts;
        return this;
    }

    /**
     * @param storageClass the storage class of new objects, e.g. {@code STANDARD_IA}; default the bucket's
     * @return this builder
     */
    public S3StoreBuilder storageClass(String storageClass) {
        StorageClass parsed = StorageClass.fromValue(storageClass.toUpperCase(Locale.ROOT));
        if (parsed == StorageClass.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException("unknown storage class '" + storageClass + "'; known: " + StorageClass.knownValues());
        }
        this.storageClass = parsed;
        return this;
    }

    /**
     * @param algorithm server-side encryption of new objects: {@code AES256} or {@code aws:kms}; default the bucket's
     * @return this builder
     */
    public S3StoreBuilder serverSideEncryption(String algorithm) {
        ServerSideEncryption parsed = ServerSideEncryption.fromValue(algorithm);
        if (parsed == ServerSideEncryption.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException("unknown server-side encryption '" + algorithm + "'; known: "
                    + ServerSideEncryption.knownValues());
        }
        this.encryption = parsed;
        return this;
    }

    /**
     * @param keyId the KMS key for {@code aws:kms} encryption (implies it)
     * @return this builder
     */
    public S3StoreBuilder kmsKeyId(String keyId) {
        this.kmsKeyId = Objects.requireNonNull(keyId, "keyId");
        this.encryption = ServerSideEncryption.AWS_KMS;
        return this;
    }

    /**
     * @param expiry how long presigned URLs from {@code url(key)} stay valid (default 15 minutes, at most 7 days)
     * @return this builder
     */
    public S3StoreBuilder urlExpiry(Duration expiry) {
        if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(MAX_URL_EXPIRY) > 0) {
            throw new IllegalArgumentException("URL expiry must be positive and at most 7 days, got " + expiry);
        }
        this.urlExpiry = expiry;
        return this;
    }

    /**
     * @param keys keys per listing request, 1 to 1000 (default 1000, S3's maximum)
     * @return this builder
     */
    public S3StoreBuilder pageSize(int keys) {
        if (keys < 1 || keys > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be between 1 and " + MAX_PAGE_SIZE + ", got " + keys);
        }
        this.pageSize = keys;
        return this;
    }

    /**
     * @param supported whether the server honours {@code If-None-Match: *} and {@code If-Match} on PUT
     *     (AWS S3 since 2024, MinIO, s3proxy: yes); {@code false} drops put-if-absent and compare-and-set
     *     from the store's capabilities instead of risking a silently unconditional write
     * @return this builder
     */
    public S3StoreBuilder conditionalWrites(boolean supported) {
        this.conditionalWrites = supported;
        return this;
    }

    /** Lets tests exercise the multipart copy without a 5 GiB object. */
    S3StoreBuilder multipartCopyThreshold(long bytes) {
        this.multipartCopyThreshold = bytes;
        return this;
    }

    S3StoreBuilder description(String description) {
        this.description = description;
        return this;
    }

    /**
     * Builds the store and checks the bucket with a HeadBucket request.
     *
     * @return the store
     * @throws KvException when the bucket is missing, the endpoint unreachable or the credentials refused
     */
    public KeyValueStore build() {
        if (client == null || bucket == null) {
            throw new IllegalStateException("call client(...) and bucket(...) before build()");
        }
        String region = client.serviceClientConfiguration().region() == null ? "(none)"
                : client.serviceClientConfiguration().region().id();
        String endpoint = client.serviceClientConfiguration().endpointOverride().map(Object::toString)
                .orElse("AWS S3 in " + region);
        String shown = description != null ? description : "s3://" + bucket + "/" + prefix;
        S3Failures failures = new S3Failures(shown, bucket, endpoint, region);
        try {
            client.headBucket(b -> b.bucket(bucket));
        } catch (SdkException e) {
            if (closeClient) {
                client.close();
            }
            throw failures.ofBucketCheck(e);
        }
        S3Settings settings = new S3Settings(partSize, partsInFlight, storageClass, encryption, kmsKeyId, urlExpiry,
                pageSize, conditionalWrites, multipartCopyThreshold);
        boolean ownPresigner = presigner == null;
        S3Presigner signer = ownPresigner ? defaultPresigner() : presigner;
        return new S3Store(shown, client, signer, ownPresigner, closeClient, bucket, prefix, settings, failures);
    }

    private S3Presigner defaultPresigner() {
        var config = client.serviceClientConfiguration();
        S3Presigner.Builder signer = S3Presigner.builder().s3Client(client).region(config.region())
                .credentialsProvider(config.credentialsProvider())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.endpointOverride().isPresent()).build());
        config.endpointOverride().ifPresent(signer::endpointOverride);
        return signer.build();
    }
}
