package org.kvcaches.api.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * What a remote store can offer the cache decorator that reads it as a cache tier, beyond the
 * {@link org.kvcaches.api.KeyValueStore} contract: reads bounded by a deadline of their own, and the
 * first call of a miss (read, and on absence put a lease marker) in one round trip. A cache
 * decorator finds it with {@code instanceof} on the tier it was given; a store without it is read
 * through the plain methods, its deadline enforced by the decorator on a thread of its own, and its
 * miss costs a read and a put-if-absent.
 *
 * <p>Keys are valid keys; implementations are thread-safe. A call that answered late must leave
 * nothing behind that corrupts a later call (a connection whose reply is still on its way is
 * closed, never reused).
 */
public interface CacheTierReads {

    /**
     * @return whether this store instance bounds {@link #findWithin} and {@link #findOrPut} by their
     *     deadline itself; when false they may take as long as the store's own timeout, and the
     *     caller enforces the deadline
     */
    boolean boundsReads();

    /**
     * Reads a key, giving up when the store has not answered within the deadline.
     *
     * @param key a valid key
     * @param deadline the longest to wait for the answer (when {@link #boundsReads()})
     * @return the value, or empty when the key is absent
     * @throws ReadDeadlineException when no answer came within the deadline
     * @throws org.kvcaches.api.KvException when the read failed
     */
    Optional<byte[]> findWithin(String key, Duration deadline);

    /**
     * Atomically reads a key and, when it is absent, puts a value with a time to live: the first
     * call of a cache miss, which takes a lease marker in the same round trip as the read.
     *
     * @param key a valid key
     * @param value what to put when the key is absent
     * @param ttl the put value's time to live
     * @param deadline the longest to wait for the answer (when {@link #boundsReads()}); after a
     *     miss of the deadline the value may or may not have been put
     * @return the value found, or empty when the key was absent and {@code value} was put
     * @throws ReadDeadlineException when no answer came within the deadline
     * @throws org.kvcaches.api.KvException when the call failed
     */
    Optional<byte[]> findOrPut(String key, byte[] value, Duration ttl, Duration deadline);
}
