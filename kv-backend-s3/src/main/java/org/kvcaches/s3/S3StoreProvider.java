package org.kvcaches.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.StoreUriException;
import org.kvcaches.api.spi.StoreOption;
import org.kvcaches.api.spi.StoreProvider;
import org.kvcaches.api.spi.StoreUri;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * Serves {@code s3:}: {@code s3://bucket[/prefix][?options]} opens the objects of {@code bucket} whose
 * names start with {@code prefix/}.
 *
 * <p>Options: see {@link #options(String)}; {@code checksums=whenRequired} is for servers that reject
 * the SDK's newer checksum headers.
 *
 * <p>Credentials come from the AWS default chain, from {@code profile}, or, least preferred because
 * URIs end up in logs and shells' histories, from percent-encoded user-info:
 * {@code s3://KEY:SECRET@bucket/prefix}. They are never printed.
 */
public final class S3StoreProvider implements StoreProvider {
    static final int DEFAULT_MAX_CONNECTIONS = 50;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final String WHEN_SUPPORTED = "whenSupported";
    private static final String WHEN_REQUIRED = "whenRequired";

    static final StoreOption<String> REGION = StoreOption.string("region", "signing region")
            .withDefaultText("the AWS chain's; us-east-1 with an endpoint");
    static final StoreOption<String> ENDPOINT = StoreOption.string("endpoint", "http(s)://host:port of an S3-compatible server")
            .matching("(?i)https?://[^/?#]+.*", "http://localhost:9000").withDefaultText("AWS");
    static final StoreOption<Boolean> PATH_STYLE = StoreOption.flag("pathStyle",
            "http://host/bucket/key instead of http://bucket.host/key").withDefaultText("true with an endpoint, else false");
    static final StoreOption<String> PROFILE = StoreOption.string("profile", "named profile of ~/.aws for credentials (not with user-info)");
    static final StoreOption<String> STORAGE_CLASS = StoreOption.choice("storageClass", sorted(StorageClass.knownValues()),
            "storage class of new objects").withDefaultText("the bucket's");
    static final StoreOption<String> SSE = StoreOption.choice("sse", sorted(ServerSideEncryption.knownValues()),
            "server-side encryption of new objects").withDefaultText("the bucket's");
    static final StoreOption<String> KMS_KEY_ID = StoreOption.string("kmsKeyId", "the KMS key for aws:kms encryption (implies it)");
    static final StoreOption<Long> PART_SIZE = StoreOption.size("partSize", "multipart part size for streamed puts")
            .range(S3Settings.MIN_PART_SIZE, S3StoreBuilder.MAX_BUFFERED_PART_SIZE).withDefault(S3StoreBuilder.DEFAULT_PART_SIZE);
    static final StoreOption<Integer> PARTS_IN_FLIGHT = StoreOption.integer("partsInFlight", 1, S3StoreBuilder.MAX_PARTS_IN_FLIGHT,
            "parts of one streamed put uploading at once").withDefault(S3StoreBuilder.DEFAULT_PARTS_IN_FLIGHT);
    static final StoreOption<Duration> URL_EXPIRY = StoreOption.duration("urlExpiry", "lifetime of presigned URLs")
            .range(Duration.ofSeconds(1), S3StoreBuilder.MAX_URL_EXPIRY).withDefault(S3StoreBuilder.DEFAULT_URL_EXPIRY);
    static final StoreOption<Integer> PAGE_SIZE = StoreOption.integer("pageSize", 1, S3StoreBuilder.MAX_PAGE_SIZE,
            "keys per ListObjectsV2 request").withDefault(S3StoreBuilder.MAX_PAGE_SIZE);
    static final StoreOption<Boolean> CONDITIONAL_WRITES = StoreOption.flag("conditionalWrites",
            "whether the server honours If-None-Match/If-Match on PUT; false drops put-if-absent and compare-and-set")
            .withDefault(S3StoreBuilder.DEFAULT_CONDITIONAL_WRITES);
    static final StoreOption<Integer> MAX_CONNECTIONS = StoreOption.integer("maxConnections", 1, 10_000,
            "HTTP connection pool size").withDefault(DEFAULT_MAX_CONNECTIONS);
    /** At most 24 days: the HTTP client takes timeouts as an int of milliseconds. */
    static final StoreOption<Duration> TIMEOUT = StoreOption.duration("timeout", "connect, read and pool-wait timeout")
            .range(Duration.ofMillis(1), Duration.ofDays(24)).withDefault(DEFAULT_TIMEOUT);
    static final StoreOption<String> CHECKSUMS = StoreOption.choice("checksums", List.of(WHEN_SUPPORTED, WHEN_REQUIRED),
            "request checksums: the SDK's newer headers, or only where S3 requires them").withDefault(WHEN_SUPPORTED);

    private static List<String> sorted(Set<?> values) {
        return values.stream().map(String::valueOf).sorted().toList();
    }

    @Override
    public Set<String> schemes() {
        return Set.of("s3");
    }

    @Override
    public List<StoreOption<?>> options(String scheme) {
        return List.of(REGION, ENDPOINT, PATH_STYLE, PROFILE, STORAGE_CLASS, SSE, KMS_KEY_ID, PART_SIZE, PARTS_IN_FLIGHT,
                URL_EXPIRY, PAGE_SIZE, CONDITIONAL_WRITES, MAX_CONNECTIONS, TIMEOUT, CHECKSUMS);
    }

    @Override
    public Optional<String> artifact() {
        return Optional.of("org.kvcaches:kv-backend-s3");
    }

    @Override
    public KeyValueStore open(StoreUri uri) {
        if (uri.hosts().size() != 1 || uri.host().isEmpty()) {
            throw new StoreUriException("store URI '" + uri + "' must name one bucket: s3://bucket[/prefix]");
        }
        if (uri.port() >= 0) {
            throw new StoreUriException("store URI '" + uri + "' gives a port; an S3 URI names a bucket, and a server goes in ?endpoint=http://host:port");
        }
        String bucket = uri.host();
        String prefix = uri.path().isEmpty() || uri.path().equals("/") ? "" : uri.path().substring(1);
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix += "/";
        }
        S3StoreBuilder builder = new S3StoreBuilder().description(uri.toString());
        try {
            builder.prefix(prefix);
            uri.options().get(STORAGE_CLASS).ifPresent(builder::storageClass);
            uri.options().get(SSE).ifPresent(builder::serverSideEncryption);
            uri.options().get(KMS_KEY_ID).ifPresent(builder::kmsKeyId);
            uri.options().get(PART_SIZE).ifPresent(builder::partSize);
            uri.options().get(PARTS_IN_FLIGHT).ifPresent(builder::partsInFlight);
            uri.options().get(URL_EXPIRY).ifPresent(builder::urlExpiry);
            uri.options().get(PAGE_SIZE).ifPresent(builder::pageSize);
            uri.options().get(CONDITIONAL_WRITES).ifPresent(builder::conditionalWrites);
        } catch (IllegalArgumentException e) {
            throw new StoreUriException("store URI '" + uri + "': " + e.getMessage());
        }
        return builder.client(client(uri)).closeClient(true).bucket(bucket).build();
    }

    private static S3Client client(StoreUri uri) {
        URI endpoint = uri.options().get(ENDPOINT).map(text -> endpoint(uri, text)).orElse(null);
        Duration timeout = uri.options().getOrDefault(TIMEOUT);
        int maxConnections = uri.options().getOrDefault(MAX_CONNECTIONS);
        S3ClientBuilder client = S3Client.builder()
                .region(region(uri, endpoint))
                .credentialsProvider(credentials(uri))
                .forcePathStyle(uri.options().get(PATH_STYLE).orElse(endpoint != null))
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(maxConnections)
                        .connectionTimeout(timeout).socketTimeout(timeout).connectionAcquisitionTimeout(timeout));
        if (endpoint != null) {
            client.endpointOverride(endpoint);
        }
        if (uri.options().getOrDefault(CHECKSUMS).equals(WHEN_REQUIRED)) {
            client.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return client.build();
    }

    private static URI endpoint(StoreUri uri, String text) {
        try {
            URI endpoint = new URI(text);
            if (endpoint.getScheme() == null || endpoint.getHost() == null
                    || !(endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https"))) {
                throw new URISyntaxException(text, "not an http or https URL with a host");
            }
            return endpoint;
        } catch (URISyntaxException e) {
            throw new StoreUriException("option 'endpoint' of store URI '" + uri + "' must be an http(s) URL such as"
                    + " http://localhost:9000 (" + e.getReason() + ")");
        }
    }

    private static Region region(StoreUri uri, URI endpoint) {
        var given = uri.options().get(REGION);
        if (given.isPresent()) {
            return Region.of(given.get());
        }
        if (endpoint != null) {
            return Region.US_EAST_1;
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new StoreUriException("store URI '" + uri + "' has no region and the AWS chain found none"
                    + " (AWS_REGION, ~/.aws/config); add ?region=, e.g. ?region=eu-west-1");
        }
    }

    private static AwsCredentialsProvider credentials(StoreUri uri) {
        var profile = uri.options().get(PROFILE);
        if (uri.user().isPresent()) {
            if (profile.isPresent()) {
                throw new StoreUriException("store URI '" + uri + "' gives both user-info credentials and ?profile=; use one");
            }
            if (uri.password().isEmpty() || uri.user().get().isEmpty()) {
                throw new StoreUriException("store URI '" + uri + "' has user-info without a secret; write s3://KEY:SECRET@bucket"
                        + " with both percent-encoded, or leave credentials to the AWS default chain");
            }
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(uri.user().get(), uri.password().get()));
        }
        if (profile.isPresent()) {
            return ProfileCredentialsProvider.create(profile.get());
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
