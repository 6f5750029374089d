package org.kvcaches.cli;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KvException;
import org.kvcaches.api.ListedValue;
import org.kvcaches.api.ValueInfo;

/**
 * Decides whether {@code kv sync} may skip a key because the destination already has it unchanged,
 * by the destination's listing when it was small enough to hold, else by a {@code stat} per key.
 * Never without the same size; then, with {@code --checksum}, when both contents have the same
 * SHA-256 (each value streamed, never held whole); otherwise when both stores are of one kind and
 * both values have versions, when the versions are equal; otherwise when both have last-modified
 * times and the destination's is not older than the source's, the rule of {@code aws s3 sync}.
 * Anything else is copied: a store that keeps no time or version (Redis) is always written to.
 *
 * <p>The time rule trusts the clocks: a source value rewritten with the same size and given an
 * older time (a clock set back, a file copied with its time kept) is skipped; {@code --checksum}
 * catches it. Times in whole seconds (S3) make the rule coarser in the same way. Safe for
 * concurrent use.
 */
final class Unchanged {
    private static final int BUFFER = 64 * 1024;

    private final KeyValueStore from;
    private final KeyValueStore to;
    private final boolean checksum;
    private final boolean versionsComparable;
    /** The destination's keys under the prefix with their metadata, listed once; null to look each key up. */
    private final Map<String, ValueInfo> destination;

    /**
     * @param from the source store
     * @param to the destination store
     * @param checksum whether to compare contents instead of metadata
     * @param destination the destination's listing under the synced prefix ({@link #listing}), or
     *     {@code null} to look each key up with a {@code stat}
     */
    Unchanged(KeyValueStore from, KeyValueStore to, boolean checksum, Map<String, ValueInfo> destination) {
        this.from = from;
        this.to = to;
        this.checksum = checksum;
        this.versionsComparable = sameKind(from, to);
        this.destination = destination;
    }

    /**
     * Lists a store's keys under a prefix with their metadata, to compare against: one listing (a page
     * of 1,000 keys per request on S3) instead of one lookup per key. Gives up past {@code limit}
     * keys, so that memory stays bounded and a destination far larger than the source does not cost
     * more than the lookups would.
     *
     * @return the keys and their metadata, or {@code null} when there are more than {@code limit}
     */
    static Map<String, ValueInfo> listing(KeyValueStore store, String prefix, int limit) {
        Map<String, ValueInfo> listed = new HashMap<>();
        try (Stream<ListedValue> values = store.list(prefix)) {
            for (Iterator<ListedValue> it = values.iterator(); it.hasNext(); ) {
                if (listed.size() == limit) {
                    return null;
                }
                ListedValue value = it.next();
                listed.put(value.key(), value.info());
            }
        }
        return listed;
    }

    /**
     * A version is the medium's own tag (an S3 ETag), comparable only with another of its kind: the
     * authoritative stores below any cache tiers must be of one class.
     */
    private static boolean sameKind(KeyValueStore a, KeyValueStore b) {
        return authoritative(a).getClass() == authoritative(b).getClass();
    }

    private static KeyValueStore authoritative(KeyValueStore store) {
        List<KeyValueStore> tiers = new Tiers(store).stores();
        return tiers.get(tiers.size() - 1);
    }

    /**
     * @param source a listed source key with its metadata
     * @return why the destination's value can be kept (for the progress line), or {@code null} to copy
     * @throws org.kvcaches.api.KeyNotFoundException when {@code --checksum} finds the source key gone
     */
    String reason(ListedValue source) {
        String key = source.key();
        Optional<ValueInfo> found = destination != null ? Optional.ofNullable(destination.get(key)) : to.stat(key);
        if (found.isEmpty() || found.get().size() != source.info().size()) {
            return null;
        }
        ValueInfo mine = source.info();
        ValueInfo theirs = found.get();
        if (checksum) {
            return Arrays.equals(sha256(from, key), sha256(to, key)) ? "same size and SHA-256" : null;
        }
        if (versionsComparable && mine.version().isPresent() && theirs.version().isPresent()) {
            return mine.version().equals(theirs.version()) ? "same size and version" : null;
        }
        if (mine.lastModified().isPresent() && theirs.lastModified().isPresent()) {
            return theirs.lastModified().get().isBefore(mine.lastModified().get()) ? null : "same size, destination not older";
        }
        return null;
    }

    private static byte[] sha256(KeyValueStore store, String key) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = store.open(key)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new KvException("cannot read '" + key + "' of " + store + " for its checksum: " + e.getMessage(), e);
        }
        return digest.digest();
    }
}
