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
        assertArrayEquals(bytes("a_short_value"), store.get("short_key"), "store.get(\"short_key\") equals bytes(\"a_short_value\")");
    }

    @Test
    default void putFromStreamThenGetReturnsTheValue(KeyValueStore store) {
        store.put("short_key", new ByteArrayInputStream(bytes("from a stream")));
        assertArrayEquals(bytes("from a stream"), store.get("short_key"), "store.get(\"short_key\") equals bytes(\"from a stream\")");
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
        assertArrayEquals(bytes("second"), store.get("k"), "store.get(\"k\") equals bytes(\"second\")");
    }

    @Test
    default void openReadsTheValue(KeyValueStore store) throws IOException {
        store.put("k", bytes("a_short_value"));
        try (InputStream in = store.open("k")) {
            assertArrayEquals(bytes("a_short_value"), in.readAllBytes(), "open(\"k\") read to its end gives the value");
        }
    }

    @Test
    default void openReadsIncrementally(KeyValueStore store) throws IOException {
        store.put("k", bytes("abcdefgh"));
        try (InputStream in = store.open("k")) {
            assertArrayEquals(bytes("abc"), in.readNBytes(3), "the first 3 bytes read from open(\"k\")");
            assertArrayEquals(bytes("de"), in.readNBytes(2), "the next 2 bytes read from open(\"k\")");
            assertArrayEquals(bytes("fgh"), in.readNBytes(3), "the last 3 bytes read from open(\"k\")");
            assertEquals(-1, in.read(), "open(\"k\") ends after the value");
        }
    }

    @Test
    default void openRangeReadsThePartAndCutsAtTheEnd(KeyValueStore store) throws IOException {
        store.put("k", bytes("0123456789"));
        try (InputStream in = store.open("k", 2, 3)) {
            assertArrayEquals(bytes("234"), in.readAllBytes(), "open(\"k\", 2, 3) of 0123456789 reads 234");
        }
        try (InputStream in = store.open("k", 7, 100)) {
            assertArrayEquals(bytes("789"), in.readAllBytes(), "open(\"k\", 7, 100) of 0123456789 is cut at the end");
        }
        try (InputStream in = store.open("k", 10, 5)) {
            assertEquals(-1, in.read(), "open(\"k\", 10, 5) starting at the end reads nothing");
        }
        try (InputStream in = store.open("k", 0, 0)) {
            assertEquals(-1, in.read(), "open(\"k\", 0, 0) reads nothing");
        }
    }

    @Test
    default void openRangeWithNegativeBoundsIsRejected(KeyValueStore store) {
        store.put("k", bytes("0123456789"));
        assertThrows(IllegalArgumentException.class, () -> store.open("k", -1, 3), "store.open(\"k\", -1, 3) throws IllegalArgumentException");
        assertThrows(IllegalArgumentException.class, () -> store.open("k", 0, -1), "store.open(\"k\", 0, -1) throws IllegalArgumentException");
    }

    @Test
    default void openStreamSkipsForward(KeyValueStore store) throws IOException {
        store.put("k", bytes("0123456789"));
        try (InputStream in = store.open("k")) {
            in.skipNBytes(4);
            assertArrayEquals(bytes("45"), in.readNBytes(2), "2 bytes read after skipping 4");
            in.skipNBytes(3);
            assertEquals('9', in.read(), "the byte read after skipping 3 more");
            assertEquals(-1, in.read(), "the stream ends after the last byte");
        }
    }

    @Test
    default void getOfMissingKeyThrowsKeyNotFound(KeyValueStore store) {
        KeyNotFoundException e = assertThrows(KeyNotFoundException.class, () -> store.get("missing"), "store.get(\"missing\") throws KeyNotFoundException");
        assertEquals("missing", e.key(), "e.key() equals \"missing\"");
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    default void openOfMissingKeyThrowsKeyNotFound(KeyValueStore store) {
        assertEquals("missing", assertThrows(KeyNotFoundException.class, () -> store.open("missing")).key(), "assertThrows(KeyNotFoundException.class, () -> store.open(\"missing\")).key() equals \"missing\"");
        assertThrows(KeyNotFoundException.class, () -> store.open("missing", 0, 1), "store.open(\"missing\", 0, 1) throws KeyNotFoundException");
    }

    @Test
    default void sizeOfMissingKeyThrowsKeyNotFound(KeyValueStore store) {
        assertThrows(KeyNotFoundException.class, () -> store.size("missing"), "store.size(\"missing\") throws KeyNotFoundException");
    }

    @Test
    default void copyToStreamOfMissingKeyThrowsAndWritesNothing(KeyValueStore store) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(KeyNotFoundException.class, () -> store.copyTo("missing", out), "store.copyTo(\"missing\", out) throws KeyNotFoundException");
        assertEquals(0, out.size(), "out.size() equals 0");
    }

    @Test
    default void copyToPathOfMissingKeyLeavesNoFile(KeyValueStore store) throws IOException {
        Path dir = Files.createTempDirectory("kv-tck");
        try {
            Path target = dir.resolve("target.bin");
            assertThrows(KeyNotFoundException.class, () -> store.copyTo("missing", target), "store.copyTo(\"missing\", target) throws KeyNotFoundException");
            assertFalse(Files.exists(target), "Files.exists(target) is false");
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
        assertEquals(5, store.copyTo("k", out), "store.copyTo(\"k\", out) equals 5");
        assertArrayEquals(bytes("value"), out.toByteArray(), "out.toByteArray() equals bytes(\"value\")");
        Path file = Files.createTempFile("kv-tck", ".bin");
        try {
            Files.write(file, bytes("old content that is longer"));
            assertEquals(5, store.copyTo("k", file), "store.copyTo(\"k\", file) equals 5");
            assertArrayEquals(bytes("value"), Files.readAllBytes(file), "Files.readAllBytes(file) equals bytes(\"value\")");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    default void findReturnsTheValueOrEmpty(KeyValueStore store) {
        assertTrue(store.find("k").isEmpty(), "store.find(\"k\").isEmpty()");
        store.put("k", bytes("v"));
        assertArrayEquals(bytes("v"), store.find("k").orElseThrow(), "store.find(\"k\").orElseThrow() equals bytes(\"v\")");
    }

    @Test
    default void sizeIsTheValueLength(KeyValueStore store) {
        store.put("k", bytes("12345"));
        store.put("empty", new byte[0]);
        assertEquals(5, store.size("k"), "store.size(\"k\") equals 5");
        assertEquals(0, store.size("empty"), "store.size(\"empty\") equals 0");
    }

    @Test
    default void containsFollowsPutAndDelete(KeyValueStore store) {
        assertFalse(store.contains("k"), "store.contains(\"k\") is false");
        store.put("k", bytes("v"));
        assertTrue(store.contains("k"), "store.contains(\"k\")");
        store.delete("k");
        assertFalse(store.contains("k"), "store.contains(\"k\") is false");
        store.put("k", bytes("v2"));
        assertTrue(store.contains("k"), "store.contains(\"k\")");
    }

    @Test
    default void getFollowsPutDeletePut(KeyValueStore store) {
        store.put("k", bytes("v1"));
        store.delete("k");
        assertThrows(KeyNotFoundException.class, () -> store.get("k"), "store.get(\"k\") throws KeyNotFoundException");
        store.put("k", bytes("v2"));
        assertArrayEquals(bytes("v2"), store.get("k"), "store.get(\"k\") equals bytes(\"v2\")");
    }

    @Test
    default void deleteOfAbsentKeyIsNotAnError(KeyValueStore store) {
        store.delete("never-existed");
        store.put("k", bytes("v"));
        store.delete("k");
        store.delete("k");
        store.delete("k");
        assertFalse(store.contains("k"), "store.contains(\"k\") is false");
    }

    @Test
    default void deleteRemovesOnlyItsKey(KeyValueStore store) {
        store.put("a", bytes("1"));
        store.put("a/b", bytes("2"));
        store.put("ab", bytes("3"));
        store.delete("a");
        assertFalse(store.contains("a"), "store.contains(\"a\") is false");
        assertTrue(store.contains("a/b"), "store.contains(\"a/b\")");
        assertTrue(store.contains("ab"), "store.contains(\"ab\")");
    }

    @Test
    default void manyPutsWithGrowingKeysAllRoundTrip(KeyValueStore store) {
        for (int i = 1; i <= 20; i++) {
            store.put("k".repeat(i), bytes("v" + i));
        }
        for (int i = 1; i <= 20; i++) {
            assertArrayEquals(bytes("v" + i), store.get("k".repeat(i)), "store.get(\"k\".repeat(i)) equals bytes(\"v\" + i)");
        }
    }

    @Test
    default void getAllReturnsThePresentKeysOnly(KeyValueStore store) {
        store.put("a", bytes("1"));
        store.put("b/c", bytes("2"));
        Map<String, byte[]> found = store.getAll(List.of("a", "b/c", "missing", "a"));
        assertEquals(Set.of("a", "b/c"), found.keySet(), "found.keySet() equals Set.of(\"a\", \"b/c\")");
        assertArrayEquals(bytes("1"), found.get("a"), "found.get(\"a\") equals bytes(\"1\")");
        assertArrayEquals(bytes("2"), found.get("b/c"), "found.get(\"b/c\") equals bytes(\"2\")");
        assertTrue(store.getAll(List.of()).isEmpty(), "store.getAll(List.of()).isEmpty()");
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
            assertFalse(store.contains("bulk/" + i), "store.contains(\"bulk/\" + i) is false");
        }
        assertTrue(store.contains("keep"), "store.contains(\"keep\")");
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
        assertArrayEquals(bytes("abc"), store.get("k"), "store.get(\"k\") equals bytes(\"abc\")");
    }
}
