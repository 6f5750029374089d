package org.kvcaches.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.Capability;
import org.kvcaches.api.InvalidKeyException;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.ListedValue;
import org.kvcaches.api.ValueInfo;

class AbstractKeyValueStoreTest {

    /** Records every hook call; has no capabilities and no data. */
    private static final class RecordingStore extends AbstractKeyValueStore {
        final List<String> calls = new CopyOnWriteArrayList<>();

        RecordingStore() {
            super("recording:");
        }

        @Override
        protected InputStream doOpen(String key) {
            calls.add("open " + key);
            throw new KeyNotFoundException(key);
        }

        @Override
        protected void doPut(String key, InputStream data, Duration ttl) {
            calls.add("put " + key);
        }

        @Override
        protected void doDelete(String key) {
            calls.add("delete " + key);
        }

        @Override
        protected Stream<String> doKeys(String prefix) {
            calls.add("keys " + prefix);
            return Stream.empty();
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }
    }

    @Test
    void invalidKeysAreRejectedBeforeAnyHookRuns() {
        RecordingStore store = new RecordingStore();
        List<Runnable> calls = List.of(() -> store.get("a b"), () -> store.put("/x", new byte[0]), () -> store.delete("x/"),
                () -> store.copy("ok", "a//b"), () -> store.move("..", "ok"), () -> store.keys("bad prefix"),
                () -> store.getAll(List.of("ok", "ä")), () -> store.deleteAll(List.of("ok", "")), () -> store.contains(null),
                () -> store.stat("a b"), () -> store.list("bad prefix"));
        for (Runnable call : calls) {
            assertThrows(InvalidKeyException.class, call::run);
        }
        assertEquals(List.of(), store.calls);
    }

    @Test
    void unsupportedCapabilitiesThrowBeforeAnyHookRuns() {
        RecordingStore store = new RecordingStore();
        List<Runnable> calls = List.of(() -> store.put("k", new byte[1], Duration.ofSeconds(1)),
                () -> store.put("k", InputStream.nullInputStream(), Duration.ofSeconds(1)),
                () -> store.putIfAbsent("k", new byte[1]), () -> store.compareAndSet("k", new byte[1], new byte[2]),
                () -> store.url("k"));
        for (Runnable call : calls) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, call::run);
            assertTrue(e.getMessage().contains("recording:"), e.getMessage());
        }
        assertEquals(List.of(), store.calls);
    }

    @Test
    void nullArgumentsAreRejected() {
        RecordingStore store = new RecordingStore();
        assertThrows(NullPointerException.class, () -> store.put("k", (byte[]) null));
        assertThrows(NullPointerException.class, () -> store.put("k", (InputStream) null));
        assertThrows(NullPointerException.class, () -> store.getAll(null));
        assertEquals(List.of(), store.calls);
    }

    @Test
    void defaultMoveCopiesThenDeletes() {
        RecordingStore store = new RecordingStore();
        assertThrows(KeyNotFoundException.class, () -> store.move("a", "b"));
        assertEquals(List.of("open a"), store.calls);
    }

    /** Values in a map, listed from a snapshot of its keys, with only the five primitives. */
    private static final class SnapshotListingStore extends AbstractKeyValueStore {
        final Map<String, byte[]> values = new ConcurrentHashMap<>();

        SnapshotListingStore() {
            super("snapshot:");
        }

        @Override
        protected InputStream doOpen(String key) {
            byte[] value = values.get(key);
            if (value == null) {
                throw new KeyNotFoundException(key);
            }
            return new ByteArrayInputStream(value);
        }

        @Override
        protected void doPut(String key, InputStream data, Duration ttl) {
            try {
                values.put(key, data.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        protected void doDelete(String key) {
            values.remove(key);
        }

        @Override
        protected Stream<String> doKeys(String prefix) {
            return List.copyOf(new TreeSet<>(values.keySet())).stream().filter(k -> k.startsWith(prefix));
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }
    }

    @Test
    void defaultStatGivesTheSizeOnlyAndEmptyForAnAbsentKey() {
        SnapshotListingStore store = new SnapshotListingStore();
        store.put("k", new byte[3]);
        assertEquals(Optional.of(ValueInfo.of(3)), store.stat("k"));
        assertEquals(Optional.empty(), store.stat("missing"));
    }

    @Test
    void defaultListLeavesOutKeysDeletedWhileItRuns() {
        SnapshotListingStore store = new SnapshotListingStore();
        store.put("a", new byte[1]);
        store.put("b", new byte[2]);
        store.put("c", new byte[3]);
        List<ListedValue> listed = new ArrayList<>();
        try (Stream<ListedValue> entries = store.list("")) {
            entries.forEach(entry -> {
                listed.add(entry);
                store.delete("b");
            });
        }
        assertEquals(List.of(new ListedValue("a", ValueInfo.of(1)), new ListedValue("c", ValueInfo.of(3))), listed);
    }

    @Test
    void closeRunsOnceAndToStringIsTheDescription() {
        RecordingStore store = new RecordingStore();
        store.close();
        store.close();
        assertEquals("recording:", store.toString());
        assertThrows(IllegalStateException.class, () -> store.keys(""));
    }
}
