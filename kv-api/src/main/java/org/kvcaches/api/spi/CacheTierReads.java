package org.kvcaches.api.spi;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
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

    /**
     * {@link #findOrPut(String, byte[], Duration, Duration)} for a caller that keeps a found value's
     * first bytes apart from the rest (a cache's entry header and its payload): the two parts come
     * back as arrays of their own, so that the rest, which may be large, need not be copied out of the
     * whole. The default splits what the four-argument call returns, copying; a store that can read
     * both parts in one atomic call overrides it.
     *
     * @param key a valid key
     * @param value what to put when the key is absent
     * @param ttl the put value's time to live
     * @param deadline the longest to wait for the answer (when {@link #boundsReads()})
     * @param headLength how many of a found value's first bytes go in {@link Parts#head()}
     * @return the value found, in two parts, or empty when the key was absent and {@code value} was put
     * @throws ReadDeadlineException when no answer came within the deadline
     * @throws org.kvcaches.api.KvException when the call failed
     */
    default Optional<Parts> findOrPut(String key, byte[] value, Duration ttl, Duration deadline, int headLength) {
        return findOrPut(key, value, ttl, deadline).map(found -> Parts.split(found, headLength));
    }

    /**
     * A value read in two parts. The arrays are the caller's from then on; nothing else holds them.
     *
     * @param head the value's first bytes (fewer than asked for when the value is shorter)
     * @param rest the bytes after them, possibly none
     */
    record Parts(byte[] head, byte[] rest) {
        /** Checks that both parts are there. */
        public Parts {
            Objects.requireNonNull(head, "head");
            Objects.requireNonNull(rest, "rest");
        }

        /**
         * @param value a whole value
         * @param headLength how many of its first bytes go in the head
         * @return the value's parts, copied out of it
         */
        public static Parts split(byte[] value, int headLength) {
            int cut = Math.min(Math.max(0, headLength), value.length);
            return new Parts(Arrays.copyOf(value, cut), Arrays.copyOfRange(value, cut, value.length));
        }
    }
}
