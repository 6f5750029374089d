package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kvcaches.tck.TestValues.bytes;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.ListedValue;
import org.kvcaches.api.ValueInfo;

/**
 * {@code stat(key)} and {@code list(prefix)}: the size is always right; a last-modified time, where
 * the store claims {@link Capability#LAST_MODIFIED}, never moves back on an overwrite and moves on
 * when a value is written more than a second later (storage clocks may count whole seconds); a
 * version, where the store claims {@link Capability#VERSION}, changes whenever different bytes are
 * written. Versions derived from the content (S3's ETag is an MD5) may stay the same when the same
 * bytes are written again, so that case is not checked. A listing gives the keys of {@code keys(prefix)},
 * each with exactly what {@code stat} reports.
 */
public interface MetadataContract extends StoreContract {
    /** A streamed value over S3's 5 MiB minimum part size, so a multipart upload is described too. */
    int STREAMED_SIZE = (6 << 20) + 1;

    private static ValueInfo stat(KeyValueStore store, String key) {
        Optional<ValueInfo> info = store.stat(key);
        assertTrue(info.isPresent(), "stat(\"" + key + "\") of a key that has a value is present");
        return info.get();
    }

    private static Instant lastModified(KeyValueStore store, String key) {
        ValueInfo info = stat(store, key);
        assertTrue(info.lastModified().isPresent(), "a store that claims LAST_MODIFIED gives it for " + key + ": " + info);
        return info.lastModified().get();
    }

    private static String version(KeyValueStore store, String key) {
        ValueInfo info = stat(store, key);
        assertTrue(info.version().isPresent(), "a store that claims VERSION gives it for " + key + ": " + info);
        return info.version().get();
    }

    private static List<ListedValue> list(KeyValueStore store, String prefix) {
        try (Stream<ListedValue> listed = store.list(prefix)) {
            return listed.collect(Collectors.toList());
        }
    }

    @Test
    default void statOfAnAbsentKeyIsEmpty(KeyValueStore store) {
        assertEquals(Optional.empty(), store.stat("missing"), "stat(\"missing\") in an empty store");
        store.put("gone", bytes("v"));
        store.delete("gone");
        assertEquals(Optional.empty(), store.stat("gone"), "stat(\"gone\") after its value was deleted");
        store.put("a/b", bytes("v"));
        assertEquals(Optional.empty(), store.stat("a"), "stat(\"a\") when only a/b has a value");
    }

    @Test
    default void statGivesTheSizeOfEmptyOneByteAndLargerValues(KeyValueStore store) {
        store.put("empty", new byte[0]);
        store.put("one", new byte[] {0});
        store.put("random", TestValues.random(48 * 1024 + 7, 3));
        assertEquals(0, stat(store, "empty").size(), "stat(\"empty\").size() of an empty value");
        assertEquals(1, stat(store, "one").size(), "stat(\"one\").size() of a 1-byte value");
        assertEquals(48 * 1024 + 7, stat(store, "random").size(), "stat(\"random\").size() of a 48 KiB + 7 value");
        store.put("one", bytes("longer now"));
        assertEquals(10, stat(store, "one").size(), "stat(\"one\").size() after an overwrite with 10 bytes");
    }

    @Test
    default void statGivesTheSizeOfAStreamedMultiMebibyteValue(KeyValueStore store) {
        store.put("streamed", TestValues.generated(STREAMED_SIZE, 5));
        assertEquals(STREAMED_SIZE, stat(store, "streamed").size(), "stat(\"streamed\").size() of a streamed 6 MiB + 1 value");
        assertEquals(STREAMED_SIZE, store.size("streamed"), "size(\"streamed\") agrees with stat");
    }

    @Test
    default void statFollowsCopiesAndMoves(KeyValueStore store) {
        store.put("from", bytes("twelve bytes"));
        store.copy("from", "copied");
        assertEquals(12, stat(store, "copied").size(), "stat(\"copied\").size() after copying a 12-byte value");
        store.move("from", "moved");
        assertEquals(Optional.empty(), store.stat("from"), "stat(\"from\") after it was moved away");
        assertEquals(12, stat(store, "moved").size(), "stat(\"moved\").size() after moving a 12-byte value there");
    }

    @Test
    default void listGivesTheKeysOfKeysWithWhatStatReports(KeyValueStore store) {
        List<String> written = List.of("a", "a/1", "a/2/x", "ab", "b/empty", "b/large");
        for (String key : written) {
            store.put(key, bytes(key));
        }
        store.put("b/empty", new byte[0]);
        store.put("b/large", TestValues.random(70_000, 7));
        for (String prefix : List.of("", "a", "a/", "b/", "none")) {
            List<ListedValue> listed = list(store, prefix);
            Listings.assertListsExactly(Listings.keys(store, prefix), listed.stream().map(ListedValue::key).toList(),
                    "the keys of list(\"" + prefix + "\") compared with keys(\"" + prefix + "\")");
            for (ListedValue entry : listed) {
                assertEquals(stat(store, entry.key()), entry.info(), "list(\"" + prefix + "\") describes " + entry.key() + " as stat does");
            }
        }
        assertEquals(70_000, list(store, "b/large").get(0).info().size(), "the listed size of b/large");
        assertEquals(0, list(store, "b/empty").get(0).info().size(), "the listed size of b/empty");
    }

    @Test
    @Requires(Capability.LAST_MODIFIED)
    default void lastModifiedIsTheTimeOfTheWriteByARoughlySetClock(KeyValueStore store) {
        Instant before = Instant.now();
        store.put("k", bytes("v"));
        Instant written = lastModified(store, "k");
        // An hour either way: a storage clock off by more is broken (S3 refuses requests 15 minutes off),
        // and a time in the wrong unit or from 1970 is far outside.
        assertTrue(written.isAfter(before.minus(Duration.ofHours(1))) && written.isBefore(Instant.now().plus(Duration.ofHours(1))),
                "the last-modified time " + written + " of a value written at " + before + " is within an hour of it");
    }

    @Test
    @Requires(Capability.LAST_MODIFIED)
    default void anOverwriteNeverMovesLastModifiedBack(KeyValueStore store) {
        store.put("k", bytes("first"));
        Instant first = lastModified(store, "k");
        store.put("k", bytes("second, longer"));
        Instant second = lastModified(store, "k");
        store.put("k", new ByteArrayInputStream(bytes("third")));
        Instant third = lastModified(store, "k");
        store.put("other", bytes("fourth"));
        store.copy("other", "k");
        Instant fourth = lastModified(store, "k");
        // Equal times are allowed: a storage clock may count whole seconds.
        assertFalse(second.isBefore(first), "last-modified after an overwrite (" + second + ") is not before the first (" + first + ")");
        assertFalse(third.isBefore(second), "last-modified after a streamed overwrite (" + third + ") is not before " + second);
        assertFalse(fourth.isBefore(third), "last-modified after a copy onto the key (" + fourth + ") is not before " + third);
    }

    @Test
    @Requires(Capability.LAST_MODIFIED)
    default void aValueWrittenMoreThanASecondLaterHasALaterLastModifiedTime(KeyValueStore store) throws InterruptedException {
        store.put("k", bytes("first"));
        Instant first = lastModified(store, "k");
        // Rewrites until the time moves, at the latest 1.1 s on, when even a clock counting whole
        // seconds has moved on: a store with finer times passes in milliseconds, and since an
        // overwrite never moves the time back (anOverwriteNeverMovesLastModifiedBack), a later time
        // seen earlier means one 1.1 s on would be later too.
        long start = System.nanoTime();
        Instant later;
        boolean last;
        do {
            last = System.nanoTime() - start >= 1_100_000_000L;
            Thread.sleep(last ? 0 : 20);
            store.put("k", bytes("later"));
            later = lastModified(store, "k");
        } while (!later.isAfter(first) && !last);
        assertTrue(later.isAfter(first), "last-modified of a value written 1.1 s after the first (" + later
                + ") is after the first's (" + first + ")");
    }

    @Test
    @Requires(Capability.VERSION)
    default void aValueWithDifferentBytesGetsANewVersion(KeyValueStore store) {
        List<String> versions = new ArrayList<>();
        store.put("k", bytes("one"));
        versions.add(version(store, "k"));
        store.put("k", bytes("two"));
        versions.add(version(store, "k"));
        store.put("k", new ByteArrayInputStream(bytes("three")));
        versions.add(version(store, "k"));
        store.put("k", TestValues.generated(STREAMED_SIZE, 9));
        versions.add(version(store, "k"));
        store.put("other", bytes("four"));
        store.copy("other", "k");
        versions.add(version(store, "k"));
        assertEquals(versions.size(), Set.copyOf(versions).size(), "each write of different bytes gave a new version: " + versions);
    }
}
