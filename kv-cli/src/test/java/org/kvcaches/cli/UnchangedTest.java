package org.kvcaches.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.ListedValue;
import org.kvcaches.api.ValueInfo;
import org.kvcaches.api.spi.ForwardingKeyValueStore;

/** {@code kv sync}'s skip rule decided from the destination's one listing, as from a lookup per key. */
class UnchangedTest {
    @TempDir
    Path root;

    /** A real {@code file:} store that counts the lookups of single keys' metadata made on it. */
    private static final class CountingStats extends ForwardingKeyValueStore {
        final AtomicInteger stats = new AtomicInteger();

        CountingStats(KeyValueStore store) {
            super("counting " + store, store);
        }

        @Override
        protected Optional<ValueInfo> doStat(String key) {
            stats.incrementAndGet();
            return super.doStat(key);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void setModified(String folder, String key, FileTime time) throws IOException {
        Files.setLastModifiedTime(root.resolve(folder).resolve(key), time);
    }

    @Test
    void theDestinationsListingGivesTheSameDecisionsAsALookupPerKeyWithoutAnyLookup() throws IOException {
        try (KeyValueStore source = KeyValueStores.open("file:" + root.resolve("src"));
             CountingStats destination = new CountingStats(KeyValueStores.open("file:" + root.resolve("dst")))) {
            for (String key : List.of("same", "older", "resized", "missing")) {
                source.put(key, bytes("four"));
            }
            destination.put("same", bytes("four"));
            destination.put("older", bytes("FOUR"));
            destination.put("resized", bytes("longer"));
            FileTime now = FileTime.fromMillis(System.currentTimeMillis());
            setModified("src", "same", FileTime.fromMillis(now.toMillis() - 60_000));
            setModified("src", "older", now);
            setModified("dst", "older", FileTime.fromMillis(now.toMillis() - 3_600_000));

            List<ListedValue> listed;
            try (var values = source.list("")) {
                listed = new ArrayList<>(values.toList());
            }
            Unchanged byLookups = new Unchanged(source, destination, false, null);
            List<String> lookedUp = new ArrayList<>();
            for (ListedValue value : listed) {
                lookedUp.add(value.key() + ": " + byLookups.reason(value));
            }
            assertEquals(4, destination.stats.getAndSet(0), "one lookup per key");

            Map<String, ValueInfo> listing = Unchanged.listing(destination, "", 10);
            Unchanged byListing = new Unchanged(source, destination, false, listing);
            List<String> fromListing = new ArrayList<>();
            for (ListedValue value : listed) {
                fromListing.add(value.key() + ": " + byListing.reason(value));
            }
            assertEquals(0, destination.stats.get(), "no lookup when the listing is at hand");
            assertEquals(lookedUp, fromListing);
            assertEquals(List.of("missing: null", "older: null", "resized: null", "same: same size, destination not older"),
                    fromListing.stream().sorted().toList());
        }
    }

    @Test
    void aListingOfMoreKeysThanTheLimitIsDroppedAndAPrefixListsOnlyItsKeys() {
        try (KeyValueStore store = KeyValueStores.open("file:" + root.resolve("many"))) {
            for (int i = 0; i < 5; i++) {
                store.put("a/" + i, bytes("v"));
            }
            store.put("b/0", bytes("v"));
            assertNull(Unchanged.listing(store, "", 5), "6 keys, a limit of 5");
            assertEquals(6, Unchanged.listing(store, "", 6).size());
            assertEquals(5, Unchanged.listing(store, "a/", 5).size());
            assertEquals(1, Unchanged.listing(store, "b/", 5).get("b/0").size());
        }
    }
}
