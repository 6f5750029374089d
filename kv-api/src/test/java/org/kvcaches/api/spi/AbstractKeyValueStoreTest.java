package org.kvcaches.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.Capability;
import org.kvcaches.api.InvalidKeyException;
import org.kvcaches.api.KeyNotFoundException;

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
                () -> store.getAll(List.of("ok", "ä")), () -> store.deleteAll(List.of("ok", "")), () -> store.contains(null));
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

    @Test
    void closeRunsOnceAndToStringIsTheDescription() {
        RecordingStore store = new RecordingStore();
        store.close();
        store.close();
        assertEquals("recording:", store.toString());
        assertThrows(IllegalStateException.class, () -> store.keys(""));
    }
}
