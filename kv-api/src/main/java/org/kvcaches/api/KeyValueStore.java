package org.kvcaches.api;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A key-value store: string keys, binary values. Open one with {@link KeyValueStores#open(String)}.
 *
 * <p><b>Keys</b> follow {@link Keys}; an invalid key is rejected with {@link InvalidKeyException}
 * before any I/O. <b>Values</b> are binary-safe, may be empty and, through the stream forms, may be
 * larger than memory. <b>Writes are atomic</b>: a reader sees the old value or the new one, never a
 * mix, also when a write fails half way. <b>Errors</b>: a missing key is a
 * {@link KeyNotFoundException}; storage failures are {@link KvException}s; an optional operation the
 * store does not report in {@link #capabilities()} throws {@link UnsupportedOperationException}
 * before any I/O; every method of a closed store throws {@link IllegalStateException}.
 *
 * <p>A store is safe for concurrent use by many threads. Streams it returns are the caller's to close.
 */
public interface KeyValueStore extends AutoCloseable {

    /**
     * @param key the key
     * @return a copy of the value
     * @throws KeyNotFoundException when the key has no value
     */
    byte[] get(String key);

    /**
     * @param key the key
     * @return the value, or empty when the key has no value
     */
    Optional<byte[]> find(String key);

    /**
     * Opens the value for streaming. The caller closes the stream; closing it early is allowed.
     *
     * @param key the key
     * @return the value's bytes
     * @throws KeyNotFoundException when the key has no value (thrown here, not by the stream)
     */
    InputStream open(String key);

    /**
     * Opens a byte range of the value. A range reaching past the end is cut at the end; an offset at
     * or past the end gives an empty stream.
     *
     * @param key the key
     * @param offset the first byte, {@code >= 0}
     * @param length how many bytes at most, {@code >= 0}
     * @return the bytes of the range; the caller closes it
     * @throws KeyNotFoundException when the key has no value
     */
    InputStream open(String key, long offset, long length);

    /**
     * Writes the value to a stream. The stream is not closed.
     *
     * @param key the key
     * @param target where the bytes go
     * @return how many bytes were written
     * @throws KeyNotFoundException when the key has no value; nothing was written then
     */
    long copyTo(String key, OutputStream target);

    /**
     * Writes the value to a file, replacing it atomically where the file system allows. When the key
     * has no value, the file is neither created nor changed.
     *
     * @param key the key
     * @param target the file to write
     * @return how many bytes were written
     * @throws KeyNotFoundException when the key has no value
     */
    long copyTo(String key, Path target);

    /**
     * @param key the key
     * @return the value's length in bytes
     * @throws KeyNotFoundException when the key has no value
     */
    long size(String key);

    /**
     * @param key the key
     * @return whether the key has a value
     */
    boolean contains(String key);

    /**
     * The value's metadata, without reading the value: its size, and its last-modified time and
     * version where the medium keeps them ({@link Capability#LAST_MODIFIED}, {@link Capability#VERSION}).
     *
     * @param key the key
     * @return the metadata, or empty when the key has no value
     */
    Optional<ValueInfo> stat(String key);

    /**
     * Stores a value, replacing any old one atomically. The array is copied.
     *
     * @param key the key
     * @param value the value, may be empty
     */
    void put(String key, byte[] value);

    /**
     * Stores a value that expires after {@code ttl}. Requires {@link Capability#TTL}.
     *
     * @param key the key
     * @param value the value
     * @param ttl how long the value lives, positive
     */
    void put(String key, byte[] value, Duration ttl);

    /**
     * Stores a value of unknown length, streamed: memory does not grow with the value's size. If
     * {@code data} fails half way, the old value stays and no partial value is ever visible. The
     * stream is read to its end and not closed.
     *
     * @param key the key
     * @param data the value's bytes
     */
    void put(String key, InputStream data);

    /**
     * Streams a value that expires after {@code ttl}. Requires {@link Capability#TTL}.
     *
     * @param key the key
     * @param data the value's bytes, read to the end and not closed
     * @param ttl how long the value lives, positive
     */
    void put(String key, InputStream data, Duration ttl);

    /**
     * Stores the content of a file, streamed.
     *
     * @param key the key
     * @param source the file to read
     */
    void put(String key, Path source);

    /**
     * Stores a value only if the key has none. Requires {@link Capability#PUT_IF_ABSENT}.
     *
     * @param key the key
     * @param value the value
     * @return whether this call stored it
     */
    boolean putIfAbsent(String key, byte[] value);

    /**
     * Stores a value that expires after {@code ttl}, only if the key has none. Requires
     * {@link Capability#PUT_IF_ABSENT} and {@link Capability#TTL}.
     *
     * @param key the key
     * @param value the value
     * @param ttl how long the value lives, positive
     * @return whether this call stored it
     */
    boolean putIfAbsent(String key, byte[] value, Duration ttl);

    /**
     * Replaces the value only if it still equals {@code expected}, byte for byte. Requires
     * {@link Capability#COMPARE_AND_SET}. An absent key never matches.
     *
     * @param key the key
     * @param expected the value the key must hold now
     * @param replacement the new value
     * @return whether this call replaced it
     */
    boolean compareAndSet(String key, byte[] expected, byte[] replacement);

    /**
     * Like {@link #compareAndSet(String, byte[], byte[])}, the new value expiring after {@code ttl}.
     * Requires {@link Capability#COMPARE_AND_SET} and {@link Capability#TTL}.
     *
     * @param key the key
     * @param expected the value the key must hold now
     * @param replacement the new value
     * @param ttl how long the new value lives, positive
     * @return whether this call replaced it
     */
    boolean compareAndSet(String key, byte[] expected, byte[] replacement, Duration ttl);

    /**
     * Removes the value. Removing an absent key is not an error.
     *
     * @param key the key
     */
    void delete(String key);

    /**
     * Reads many values, in as few round trips as the store can.
     *
     * @param keys the keys, each valid
     * @return the keys that have values, with copies of them; absent keys are left out
     */
    Map<String, byte[]> getAll(Collection<String> keys);

    /**
     * Removes many values, in as few round trips as the store can. Absent keys are not an error.
     *
     * @param keys the keys, each valid
     */
    void deleteAll(Collection<String> keys);

    /**
     * Lists keys that start with a prefix, lazily, paging underneath. Every key present for the
     * whole listing is returned exactly once, in no promised order. The caller closes the stream.
     *
     * @param prefix a string prefix of keys ({@code ""} for all), checked by
     *     {@link Keys#requireValidPrefix(String)}
     * @return the keys
     */
    Stream<String> keys(String prefix);

    /**
     * Lists keys with their values' metadata, lazily, like {@link #keys(String)}: the same keys, each
     * with what {@link #stat(String)} would report. Stores whose listings carry metadata anyway (S3,
     * file attributes) fill it in without a request per key; others ask for each key as the stream
     * reaches it, and leave out keys deleted meanwhile. The caller closes the stream.
     *
     * @param prefix a string prefix of keys ({@code ""} for all), checked by
     *     {@link Keys#requireValidPrefix(String)}
     * @return the keys with their metadata
     */
    Stream<ListedValue> list(String prefix);

    /**
     * Lists one level of the hierarchy under a prefix, like S3's delimiter listing: for each key that
     * starts with {@code prefix}, the part up to and including the first {@code delimiter} after the
     * prefix, or the whole key when no delimiter follows. Each entry once. With keys {@code a/1},
     * {@code a/2} and {@code b}, {@code prefixes("", "/")} gives {@code a/} and {@code b}.
     *
     * @param prefix a string prefix of keys ({@code ""} for all)
     * @param delimiter a non-empty string of key characters, usually {@code /}
     * @return the entries of that level; the caller closes the stream
     */
    Stream<String> prefixes(String prefix, String delimiter);

    /**
     * Copies a value to another key, replacing its value. Copying a key onto itself changes nothing.
     *
     * @param from the source key
     * @param to the destination key
     * @throws KeyNotFoundException when {@code from} has no value
     */
    void copy(String from, String to);

    /**
     * Moves a value to another key: afterwards {@code to} has the value and {@code from} has none.
     * Moving a key onto itself changes nothing.
     *
     * @param from the source key
     * @param to the destination key
     * @throws KeyNotFoundException when {@code from} has no value
     */
    void move(String from, String to);

    /**
     * A URL from which the value can be read. Requires {@link Capability#URL}. Does not check that the
     * key has a value.
     *
     * @param key the key
     * @return the URL
     */
    URI url(String key);

    /**
     * @return the optional abilities of this store; an immutable set
     */
    Set<Capability> capabilities();

    /**
     * Releases the store's connections and resources. Idempotent. Afterwards every other method
     * throws {@link IllegalStateException}.
     */
    @Override
    void close();
}
