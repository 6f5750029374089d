package org.kvcaches.testservers;

import java.util.ArrayList;
import java.util.List;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.tck.StoreFixture;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Hands the TCK S3 stores. With a prefix, the test class gets one bucket and each test its own prefix
 * in it; without, each test gets a bucket of its own and the store works at the bucket's root. After
 * each test it checks that no multipart upload was left unfinished.
 */
public final class S3Fixture implements StoreFixture {
    /** Small enough that the TCK's paging tests stay fast; S3's own 1000 is tested separately. */
    static final int PAGE_SIZE = 50;

    private final S3TestServers.Server server;
    private final S3Client client;
    private final boolean prefixed;
    private final String options;
    private final String sharedBucket;
    private final List<String> buckets = new ArrayList<>();
    private String bucket;
    private String prefix;
    private int count;

    /**
     * @param prefixed whether stores share a bucket under per-test prefixes (otherwise a bucket each)
     * @param options more URI options, {@code ""} for none
     */
    public S3Fixture(boolean prefixed, String options) {
        this(S3TestServers.server(), prefixed, options);
    }

    /**
     * @param server the server to test
     * @param prefixed whether stores share a bucket under per-test prefixes (otherwise a bucket each)
     * @param options more URI options, {@code ""} for none
     */
    public S3Fixture(S3TestServers.Server server, boolean prefixed, String options) {
        this.server = server;
        this.client = server.client();
        this.prefixed = prefixed;
        this.options = "pageSize=" + PAGE_SIZE + (options.isEmpty() ? "" : "&" + options);
        this.sharedBucket = prefixed ? server.newBucket("tck") : null;
        if (prefixed) {
            buckets.add(sharedBucket);
        }
    }

    @Override
    public KeyValueStore newStore() {
        count++;
        if (prefixed) {
            bucket = sharedBucket;
            prefix = "t" + count;
        } else {
            bucket = server.newBucket("tck" + count);
            buckets.add(bucket);
            prefix = "";
        }
        return KeyValueStores.open(server.uri(bucket, prefix, options));
    }

    @Override
    public void cleanUp(KeyValueStore store) {
        S3TestServers.deleteObjects(client, bucket, prefix.isEmpty() ? "" : prefix + "/");
    }

    @Override
    public List<String> leftovers() {
        if (!server.listsUploads()) {
            return List.of();
        }
        return S3TestServers.unfinishedUploads(client, bucket).stream()
                .map(u -> "unfinished multipart upload of '" + u.key() + "' in bucket " + bucket).toList();
    }

    @Override
    public int listingPageSize() {
        return PAGE_SIZE;
    }

    @Override
    public List<String> secrets() {
        return server.secretKey() == null ? List.of() : List.of(server.secretKey());
    }

    @Override
    public void close() {
        buckets.forEach(server::deleteBucket);
        client.close();
    }

    @Override
    public String toString() {
        return server.uri("<bucket>", prefixed ? "t<N>" : "", options).replaceFirst("//[^@/]*@", "//***@");
    }
}
