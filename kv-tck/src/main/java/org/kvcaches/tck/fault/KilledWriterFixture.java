package org.kvcaches.tck.fault;

import java.util.List;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.tck.StoreFixture;

/**
 * What a backend gives {@link KilledWriterContract}: fresh stores (as for every contract) and, for
 * each, the URI another JVM opens with {@link org.kvcaches.api.KeyValueStores#open} to reach the
 * same namespace: a {@code file:} folder, {@code redis://127.0.0.1:port/db?prefix=...}, an
 * {@code s3:} bucket and prefix with its endpoint and credentials.
 *
 * <p>The URI goes to the child JVM over its standard input, never on a command line, and is never
 * printed. The crashed writer may leave debris that the store does not list (a temporary file, an
 * expiring temporary Redis key, an unfinished multipart upload); {@link #cleanUp} removes what is
 * left of the namespace, and {@link #leftovers()} reports what a crash must not leave.
 */
public interface KilledWriterFixture extends StoreFixture {
    /** 16 MiB: streamed before the writer is killed, by default. */
    long DEFAULT_BYTES_BEFORE_KILL = 16L << 20;

    /**
     * @param store a store {@link #newStore()} returned
     * @return the URI of its namespace, with everything another process needs to open it
     */
    String uri(KeyValueStore store);

    /**
     * @return how many bytes the child hands to {@code put} before it is killed; choose more than the
     *     store buffers before it writes anything (S3's part size), so the kill comes mid-upload
     */
    default long bytesBeforeKill() {
        return DEFAULT_BYTES_BEFORE_KILL;
    }

    /** @return the options of the writer's JVM */
    default List<String> childJvmOptions() {
        return List.of("-Xmx256m", "-XX:+UseSerialGC");
    }
}
