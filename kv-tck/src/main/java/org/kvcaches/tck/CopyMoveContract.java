package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.kvcaches.tck.TestValues.bytes;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KeyValueStore;

/** {@code copy} and {@code move}: onto new keys, existing keys, themselves; missing sources. */
public interface CopyMoveContract extends StoreContract {

    @Test
    default void copyKeepsTheSourceAndWritesTheDestination(KeyValueStore store) {
        store.put("src", bytes("value"));
        store.copy("src", "dst/nested");
        assertArrayEquals(bytes("value"), store.get("src"), "store.get(\"src\") equals bytes(\"value\")");
        assertArrayEquals(bytes("value"), store.get("dst/nested"), "store.get(\"dst/nested\") equals bytes(\"value\")");
    }

    @Test
    default void copyOverwritesAnExistingDestination(KeyValueStore store) {
        store.put("src", bytes("new"));
        store.put("dst", bytes("old and longer"));
        store.copy("src", "dst");
        assertArrayEquals(bytes("new"), store.get("dst"), "store.get(\"dst\") equals bytes(\"new\")");
    }

    @Test
    default void copyOntoItselfKeepsTheValue(KeyValueStore store) {
        store.put("k", bytes("value"));
        store.copy("k", "k");
        assertArrayEquals(bytes("value"), store.get("k"), "store.get(\"k\") equals bytes(\"value\")");
    }

    @Test
    default void copyOfMissingKeyThrowsKeyNotFoundAndWritesNothing(KeyValueStore store) {
        assertEquals("missing", assertThrows(KeyNotFoundException.class, () -> store.copy("missing", "dst")).key(), "assertThrows(KeyNotFoundException.class, () -> store.copy(\"missing\", \"dst\")).key() equals \"missing\"");
        assertFalse(store.contains("dst"), "store.contains(\"dst\") is false");
        assertThrows(KeyNotFoundException.class, () -> store.copy("missing", "missing"), "store.copy(\"missing\", \"missing\") throws KeyNotFoundException");
    }

    @Test
    default void copyOfALargeValueIsExact(KeyValueStore store, StoreFixture fixture) throws IOException {
        long size = Math.min(fixture.largeValueSize(), 8L << 20);
        try (InputStream data = TestValues.generated(size, 9)) {
            store.put("big", data);
        }
        store.copy("big", "big-copy");
        try (InputStream a = store.open("big"); InputStream b = store.open("big-copy")) {
            assertEquals(TestValues.sha256(a), TestValues.sha256(b), "TestValues.sha256(b) equals TestValues.sha256(a)");
        }
    }

    @Test
    default void moveWritesTheDestinationAndRemovesTheSource(KeyValueStore store) {
        store.put("src", bytes("value"));
        store.move("src", "dst/nested");
        assertFalse(store.contains("src"), "store.contains(\"src\") is false");
        assertArrayEquals(bytes("value"), store.get("dst/nested"), "store.get(\"dst/nested\") equals bytes(\"value\")");
    }

    @Test
    default void moveOverwritesAnExistingDestination(KeyValueStore store) {
        store.put("src", bytes("new"));
        store.put("dst", bytes("old and longer"));
        store.move("src", "dst");
        assertFalse(store.contains("src"), "store.contains(\"src\") is false");
        assertArrayEquals(bytes("new"), store.get("dst"), "store.get(\"dst\") equals bytes(\"new\")");
    }

    @Test
    default void moveOntoItselfKeepsTheValue(KeyValueStore store) {
        store.put("k", bytes("value"));
        store.move("k", "k");
        assertArrayEquals(bytes("value"), store.get("k"), "store.get(\"k\") equals bytes(\"value\")");
    }

    @Test
    default void moveOfMissingKeyThrowsKeyNotFoundAndChangesNothing(KeyValueStore store) {
        store.put("dst", bytes("kept"));
        assertThrows(KeyNotFoundException.class, () -> store.move("missing", "dst"), "store.move(\"missing\", \"dst\") throws KeyNotFoundException");
        assertArrayEquals(bytes("kept"), store.get("dst"), "store.get(\"dst\") equals bytes(\"kept\")");
    }

    @Test
    default void moveBetweenParentAndChildKeys(KeyValueStore store) {
        store.put("a", bytes("parent"));
        store.move("a", "a/b");
        assertFalse(store.contains("a"), "store.contains(\"a\") is false");
        assertArrayEquals(bytes("parent"), store.get("a/b"), "store.get(\"a/b\") equals bytes(\"parent\")");
        store.move("a/b", "a");
        assertFalse(store.contains("a/b"), "store.contains(\"a/b\") is false");
        assertArrayEquals(bytes("parent"), store.get("a"), "store.get(\"a\") equals bytes(\"parent\")");
    }
}
