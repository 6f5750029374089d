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
        assertArrayEquals(new byte[0], store.get("empty"));
        try (InputStream in = store.open("empty")) {
            assertEquals(-1, in.read());
        }
        store.put("empty-stream", InputStream.nullInputStream());
        assertArrayEquals(new byte[0], store.get("empty-stream"));
    }

    @Test
    default void oneByteValuesRoundTrip(KeyValueStore store) {
        for (int b : new int[] {0, 1, 10, 13, 32, 127, 128, 255}) {
            store.put("one/" + b, new byte[] {(byte) b});
        }
        for (int b : new int[] {0, 1, 10, 13, 32, 127, 128, 255}) {
            assertArrayEquals(new byte[] {(byte) b}, store.get("one/" + b));
        }
    }

    @Test
    default void allByteValuesRoundTrip(KeyValueStore store) throws IOException {
        byte[] all = TestValues.allByteValues();
        store.put("all", all);
        assertArrayEquals(all, store.get("all"));
        try (InputStream in = store.open("all")) {
            assertArrayEquals(all, in.readAllBytes());
        }
        store.put("all-stream", new java.io.ByteArrayInputStream(all));
        assertArrayEquals(all, store.get("all-stream"));
    }

    @Test
    default void zeroBytesDoNotTruncate(KeyValueStore store) {
        byte[] value = {'a', 0, 'b', 0, 0, 'c', 0};
        store.put("zeros", value);
        assertArrayEquals(value, store.get("zeros"));
        assertEquals(value.length, store.size("zeros"));
    }

    @Test
    default void textLookalikeBytesAreKeptExactly(KeyValueStore store) {
        byte[] value = {'\r', '\n', '\n', '\r', (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) 0xFF, (byte) 0xFE, '$', '*', '\r', '\n'};
        store.put("crlf", value);
        assertArrayEquals(value, store.get("crlf"));
    }

    @Test
    default void randomValueIsCheckedBySha256(KeyValueStore store) throws IOException {
        byte[] value = TestValues.random(48 * 1024 + 7, 42);
        store.put("random", value);
        try (InputStream in = store.open("random")) {
            assertEquals(TestValues.sha256(value), TestValues.sha256(in));
        }
        assertEquals(TestValues.sha256(value), TestValues.sha256(store.get("random")));
    }
}
