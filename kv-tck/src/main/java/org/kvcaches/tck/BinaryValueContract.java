package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.KeyValueStore;

/** Values are binary-safe and may be empty. */
public interface BinaryValueContract extends StoreContract {

    @Test
    default void emptyValueRoundTrips(KeyValueStore store) throws IOException {
        store.put("empty", new byte[0]);
        assertArrayEquals(new byte[0], store.get("empty"), "store.get(\"empty\") equals new byte[0]");
        try (InputStream in = store.open("empty")) {
            assertEquals(-1, in.read(), "open() of an empty value reads nothing");
        }
        store.put("empty-stream", InputStream.nullInputStream());
        assertArrayEquals(new byte[0], store.get("empty-stream"), "store.get(\"empty-stream\") equals new byte[0]");
    }

    @Test
    default void oneByteValuesRoundTrip(KeyValueStore store) {
        for (int b : new int[] {0, 1, 10, 13, 32, 127, 128, 255}) {
            store.put("one/" + b, new byte[] {(byte) b});
        }
        for (int b : new int[] {0, 1, 10, 13, 32, 127, 128, 255}) {
            assertArrayEquals(new byte[] {(byte) b}, store.get("one/" + b), "store.get(\"one/\" + b) equals new byte[] {(byte) b}");
        }
    }

    @Test
    default void allByteValuesRoundTrip(KeyValueStore store) throws IOException {
        byte[] all = TestValues.allByteValues();
        store.put("all", all);
        assertArrayEquals(all, store.get("all"), "store.get(\"all\") equals all");
        try (InputStream in = store.open("all")) {
            assertArrayEquals(all, in.readAllBytes(), "open() of all 256 byte values reads them back");
        }
        store.put("all-stream", new java.io.ByteArrayInputStream(all));
        assertArrayEquals(all, store.get("all-stream"), "store.get(\"all-stream\") equals all");
    }

    @Test
    default void zeroBytesDoNotTruncate(KeyValueStore store) {
        byte[] value = {'a', 0, 'b', 0, 0, 'c', 0};
        store.put("zeros", value);
        assertArrayEquals(value, store.get("zeros"), "store.get(\"zeros\") equals value");
        assertEquals(value.length, store.size("zeros"), "store.size(\"zeros\") equals value.length");
    }

    @Test
    default void textLookalikeBytesAreKeptExactly(KeyValueStore store) {
        byte[] value = {'\r', '\n', '\n', '\r', (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) 0xFF, (byte) 0xFE, '$', '*', '\r', '\n'};
        store.put("crlf", value);
        assertArrayEquals(value, store.get("crlf"), "store.get(\"crlf\") equals value");
    }

    @Test
    default void randomValueIsCheckedBySha256(KeyValueStore store) throws IOException {
        byte[] value = TestValues.random(48 * 1024 + 7, 42);
        store.put("random", value);
        try (InputStream in = store.open("random")) {
            assertEquals(TestValues.sha256(value), TestValues.sha256(in), "TestValues.sha256(in) equals TestValues.sha256(value)");
        }
        assertEquals(TestValues.sha256(value), TestValues.sha256(store.get("random")), "TestValues.sha256(store.get(\"random\")) equals TestValues.sha256(value)");
    }
}
