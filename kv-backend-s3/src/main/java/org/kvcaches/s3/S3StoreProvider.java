package org.kvcaches.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Set;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.StoreUriException;
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
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Serves {@code s3:}: {@code s3://bucket[/prefix][?options]} opens the objects of {@code bucket} whose
 * names start with {@code prefix/}.
 *
 * <p>Options: {@code region} (default the AWS chain's, or {@code us-east-1} with an endpoint),
 * {@code endpoint} (an S3-compatible server, e.g. {@code http://localhost:9000}), {@code pathStyle}
 * (default {@code true} with an endpoint), {@code profile} (a named profile of {@code ~/.aws}),
 * {@code storageClass}, {@code sse} ({@code AES256} or {@code aws:kms}), {@code kmsKeyId},
 * {@code partSize} (default 8MiB), {@code partsInFlight} (default 2), {@code urlExpiry} (default 15m),
 * {@code pageSize} (keys per listing request, default 1000), {@code conditionalWrites} (default true),
 * {@code maxConnections} (default 50), {@code timeout} (connect and read, default 10s) and
 * {@code checksums} ({@code whenSupported}, the SDK's default, or {@code whenRequired} for servers that
 * reject the SDK's newer checksum headers), {@code chunkedEncoding} (default true; {@code false} sends
 * bodies as they are, for servers that would store the SDK's {@code aws-chunked} framing as the value)
 * and {@code verify} (default true: each put checks that the server stored what was sent, each whole
 * read what it received).
 *
 * <p>Credentials come from the AWS default chain, from {@code profile}, or, least preferred because
 * URIs end up in logs and shells' histories, from percent-encoded user-info:
 * {@code s3://KEY:SECRET@bucket/prefix}. They are never printed.
 */
public final class S3StoreProvider implements StoreProvider {
    private enum Checksums { WHENSUPPORTED, WHENREQUIRED }

    @Override
    public Set<String> schemes() {
        return Set.of("s3");
    }

    @Override
    public Set<String> options(String scheme) {
        return Set.of("region", "endpoint", "pathStyle", "profile", "storageClass", "sse", "kmsKeyId", "partSize",
                "partsInFlight", "urlExpiry", "pageSize", "conditionalWrites", "maxConnections", "timeout", "checksums",
                "chunkedEncoding", "verify");
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
            uri.options().string("storageClass").ifPresent(builder::storageClass);
            uri.options().string("sse").ifPresent(builder::serverSideEncryption);
            uri.options().string("kmsKeyId").ifPresent(builder::kmsKeyId);
            builder.partSize(uri.options().size("partSize", 8L << 20))
                    .partsInFlight(uri.options().integer("partsInFlight", 2))
                    .urlExpiry(uri.options().duration("urlExpiry", Duration.ofMinutes(15)))
                    .listPageSize(uri.options().integer("pageSize", 1000))
                    .conditionalWrites(uri.options().flag("conditionalWrites", true))
                    .verify(uri.options().flag("verify", true));
        } catch (IllegalArgumentException e) {
            throw new StoreUriException("store URI '" + uri + "': " + e.getMessage());
        }
        return builder.client(client(uri)).closeClient(true).bucket(bucket).build();
    }

    private static S3Client client(StoreUri uri) {
        URI endpoint = uri.options().string("endpoint").map(text -> endpoint(uri, text)).orElse(null);
        Duration timeout = uri.options().duration("timeout", Duration.ofSeconds(10));
        int maxConnections = uri.options().integer("maxConnections", 50);
        if (maxConnections < 1) {
            throw new StoreUriException("option 'maxConnections' of store URI '" + uri + "' must be at least 1");
        }
        Checksums checksums = uri.options().choice("checksums", Checksums.class, Checksums.WHENSUPPORTED);
        S3ClientBuilder client = S3Client.builder()
                .region(region(uri, endpoint))
                .credentialsProvider(credentials(uri))
                .forcePathStyle(uri.options().flag("pathStyle", endpoint != null))
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(maxConnections)
                        .connectionTimeout(timeout).socketTimeout(timeout).connectionAcquisitionTimeout(timeout));
        if (endpoint != null) {
            client.endpointOverride(endpoint);
        }
        if (!uri.options().flag("chunkedEncoding", true)) {
            client.serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
        }
        if (checksums == Checksums.WHENREQUIRED) {
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
        var given = uri.options().string("region");
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
        var profile = uri.options().string("profile");
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
