package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kvcaches.tck.TestValues.bytes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KeyValueStore;

/** Put, get, open, find, contains, size, delete, bulk reads and deletes (simplekv BasicStore). */
public interface BasicContract extends StoreContract {

    @Test
    default void putThenGetReturnsTheValue(KeyValueStore store) {
        store.put("short_key", bytes("a_short_value"));
        assertArrayEquals(bytes("a_short_value"), store.get("short_key"));
    }

    @Test
    default void putFromStreamThenGetReturnsTheValue(KeyValueStore store) {
        store.put("short_key", new ByteArrayInputStream(bytes("from a stream")));
        assertArrayEquals(bytes("from a stream"), store.get("short_key"));
    }

    @Test
    default void putFromFileThenGetReturnsTheValue(KeyValueStore store) throws IOException {
        Path file = Files.createTempFile("kv-tck", ".bin");
        try {
            Files.write(file, bytes("from a file"));
            store.put("short_key", file);
            Files.delete(file);
            assertArrayEquals(bytes("from a file"), store.get("short_key"), "the value does not depend on the file after put");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    default void secondPutOverwrites(KeyValueStore store) {
        store.put("k", bytes("first, and longer"));
        store.put("k", bytes("second"));
        assertArrayEquals(bytes("second"), store.get("k"));
    }

    @Test
    default void openReadsTheValue(KeyValueStore store) throws IOException {
        store.put("k", bytes("a_short_value"));
        try (InputStream in = store.open("k")) {
            assertArrayEquals(bytes("a_short_value"), in.readAllBytes());
        }
    }

    @Test
    default void openReadsIncrementally(KeyValueStore store) throws IOException {
        store.put("k", bytes("abcdefgh"));
        try (InputStream in = store.open("k")) {
            assertArrayEquals(bytes("abc"), in.readNBytes(3));
            assertArrayEquals(bytes("de"), in.readNBytes(2));
            assertArrayEquals(bytes("fgh"), in.readNBytes(3));
            assertEquals(-1, in.read());
        }
    }

    @Test
    default void openRangeReadsThePartAndCutsAtTheEnd(KeyValueStore store) throws IOException {
        store.put("k", bytes("0123456789"));
        try (InputStream in = store.open("k", 2, 3)) {
            assertArrayEquals(bytes("234"), in.readAllBytes());
        }
        try (InputStream in = store.open("k", 7, 100)) {
            assertArrayEquals(bytes("789"), in.readAllBytes());
        }
        try (InputStream in = store.open("k", 10, 5)) {
            assertEquals(-1, in.read());
        }
        try (InputStream in = store.open("k", 0, 0)) {
            assertEquals(-1, in.read());
        }
    }

    @Test
    default void openRangeWithNegativeBoundsIsRejected(KeyValueStore store) {
        store.put("k", bytes("0123456789"));
        assertThrows(IllegalArgumentException.class, () -> store.open("k", -1, 3));
        assertThrows(IllegalArgumentException.class, () -> store.open("k", 0, -1));
    }

    @Test
    default void openStreamSkipsForward(KeyValueStore store) throws IOException {
        store.put("k", bytes("0123456789"));
        try (InputStream in = store.open("k")) {
            in.skipNBytes(4);
            assertArrayEquals(bytes("45"), in.readNBytes(2));
            in.skipNBytes(3);
            assertEquals('9', in.read());
            assertEquals(-1, in.read());
        }
    }

    @Test
    default void getOfMissingKeyThrowsKeyNotFound(KeyValueStore store) {
        KeyNotFoundException e = assertThrows(KeyNotFoundException.class, () -> store.get("missing"));
        assertEquals("missing", e.key());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    default void openOfMissingKeyThrowsKeyNotFound(KeyValueStore store) {
        assertEquals("missing", assertThrows(KeyNotFoundException.class, () -> store.open("missing")).key());
        assertThrows(KeyNotFoundException.class, () -> store.open("missing", 0, 1));
    }

    @Test
    default void sizeOfMissingKeyThrowsKeyNotFound(KeyValueStore store) {
        assertThrows(KeyNotFoundException.class, () -> store.size("missing"));
    }

    @Test
    default void copyToStreamOfMissingKeyThrowsAndWritesNothing(KeyValueStore store) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(KeyNotFoundException.class, () -> store.copyTo("missing", out));
        assertEquals(0, out.size());
    }

    @Test
    default void copyToPathOfMissingKeyLeavesNoFile(KeyValueStore store) throws IOException {
        Path dir = Files.createTempDirectory("kv-tck");
        try {
            Path target = dir.resolve("target.bin");
            assertThrows(KeyNotFoundException.class, () -> store.copyTo("missing", target));
            assertFalse(Files.exists(target));
            try (var files = Files.list(dir)) {
                assertEquals(0, files.count(), "no temp file is left either");
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    @Test
    default void copyToStreamAndPathWriteTheValue(KeyValueStore store) throws IOException {
        store.put("k", bytes("value"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(5, store.copyTo("k", out));
        assertArrayEquals(bytes("value"), out.toByteArray());
        Path file = Files.createTempFile("kv-tck", ".bin");
        try {
            Files.write(file, bytes("old content that is longer"));
            assertEquals(5, store.copyTo("k", file));
            assertArrayEquals(bytes("value"), Files.readAllBytes(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    default void findReturnsTheValueOrEmpty(KeyValueStore store) {
        assertTrue(store.find("k").isEmpty());
        store.put("k", bytes("v"));
        assertArrayEquals(bytes("v"), store.find("k").orElseThrow());
    }

    @Test
    default void sizeIsTheValueLength(KeyValueStore store) {
        store.put("k", bytes("12345"));
        store.put("empty", new byte[0]);
        assertEquals(5, store.size("k"));
        assertEquals(0, store.size("empty"));
    }

    @Test
    default void containsFollowsPutAndDelete(KeyValueStore store) {
        assertFalse(store.contains("k"));
        store.put("k", bytes("v"));
        assertTrue(store.contains("k"));
        store.delete("k");
        assertFalse(store.contains("k"));
        store.put("k", bytes("v2"));
        assertTrue(store.contains("k"));
    }

    @Test
    default void getFollowsPutDeletePut(KeyValueStore store) {
        store.put("k", bytes("v1"));
        store.delete("k");
        assertThrows(KeyNotFoundException.class, () -> store.get("k"));
        store.put("k", bytes("v2"));
        assertArrayEquals(bytes("v2"), store.get("k"));
    }

    @Test
    default void deleteOfAbsentKeyIsNotAnError(KeyValueStore store) {
        store.delete("never-existed");
        store.put("k", bytes("v"));
        store.delete("k");
        store.delete("k");
        store.delete("k");
        assertFalse(store.contains("k"));
    }

    @Test
    default void deleteRemovesOnlyItsKey(KeyValueStore store) {
        store.put("a", bytes("1"));
        store.put("a/b", bytes("2"));
        store.put("ab", bytes("3"));
        store.delete("a");
        assertFalse(store.contains("a"));
        assertTrue(store.contains("a/b"));
        assertTrue(store.contains("ab"));
    }

    @Test
    default void manyPutsWithGrowingKeysAllRoundTrip(KeyValueStore store) {
        for (int i = 1; i <= 20; i++) {
            store.put("k".repeat(i), bytes("v" + i));
        }
        for (int i = 1; i <= 20; i++) {
            assertArrayEquals(bytes("v" + i), store.get("k".repeat(i)));
        }
    }

    @Test
    default void getAllReturnsThePresentKeysOnly(KeyValueStore store) {
        store.put("a", bytes("1"));
        store.put("b/c", bytes("2"));
        Map<String, byte[]> found = store.getAll(List.of("a", "b/c", "missing", "a"));
        assertEquals(Set.of("a", "b/c"), found.keySet());
        assertArrayEquals(bytes("1"), found.get("a"));
        assertArrayEquals(bytes("2"), found.get("b/c"));
        assertTrue(store.getAll(List.of()).isEmpty());
    }

    @Test
    default void deleteAllRemovesPresentKeysAndIgnoresAbsentOnes(KeyValueStore store) {
        for (int i = 0; i < 30; i++) {
            store.put("bulk/" + i, bytes("v" + i));
        }
        store.put("keep", bytes("v"));
        List<String> doomed = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            doomed.add("bulk/" + i);
        }
        doomed.add("absent");
        store.deleteAll(doomed);
        for (int i = 0; i < 30; i++) {
            assertFalse(store.contains("bulk/" + i));
        }
        assertTrue(store.contains("keep"));
        store.deleteAll(List.of());
    }

    @Test
    default void returnedArraysAreNotTheStoresOwn(KeyValueStore store) {
        byte[] value = bytes("abc");
        store.put("k", value);
        value[0] = 'X';
        byte[] read = store.get("k");
        read[1] = 'Y';
        store.find("k").orElseThrow()[2] = 'Z';
        store.getAll(List.of("k")).get("k")[0] = 'W';
        assertArrayEquals(bytes("abc"), store.get("k"));
    }
}
