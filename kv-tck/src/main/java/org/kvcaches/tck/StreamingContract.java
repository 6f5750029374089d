package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.kvcaches.tck.TestValues.bytes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KvException;

/**
 * Large values stream in and out without being held in memory ({@link StoreFixture#largeValueSize()},
 * 64 MiB by default), and a stream that fails half way leaves the old value and no partial key.
 */
public interface StreamingContract extends StoreContract {

    @Test
    default void largeValueStreamsInAndOut(KeyValueStore store, StoreFixture fixture) throws IOException {
        long size = fixture.largeValueSize();
        String expected;
        try (InputStream reference = TestValues.generated(size, 7)) {
            expected = TestValues.sha256(reference);
        }
        try (InputStream data = TestValues.generated(size, 7)) {
            store.put("large", data);
        }
        assertEquals(size, store.size("large"));
        try (InputStream in = store.open("large")) {
            assertEquals(expected, TestValues.sha256(in));
        }
        long[] count = new long[1];
        assertEquals(size, store.copyTo("large", new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        }));
        assertEquals(size, count[0]);
    }

    @Test
    default void rangeOfALargeValueIsReadWithoutTheRest(KeyValueStore store, StoreFixture fixture) throws IOException {
        long size = Math.min(fixture.largeValueSize(), 8L << 20);
        try (InputStream data = TestValues.generated(size, 11)) {
            store.put("large", data);
        }
        byte[] tail = new byte[100];
        try (InputStream reference = TestValues.generated(size, 11)) {
            reference.skipNBytes(size - 100);
            reference.readNBytes(tail, 0, 100);
        }
        try (InputStream in = store.open("large", size - 100, 1000)) {
            assertArrayEquals(tail, in.readAllBytes());
        }
    }

    @Test
    default void closingAnOpenStreamEarlyIsAllowed(KeyValueStore store, StoreFixture fixture) throws IOException {
        long size = Math.min(fixture.largeValueSize(), 4L << 20);
        try (InputStream data = TestValues.generated(size, 3)) {
            store.put("large", data);
        }
        for (int i = 0; i < 20; i++) {
            try (InputStream in = store.open("large")) {
                assertEquals(16, in.readNBytes(16).length);
            }
        }
        store.put("after", bytes("the store still works"));
        assertArrayEquals(bytes("the store still works"), store.get("after"));
    }

    @Test
    default void streamFailingHalfWayKeepsTheOldValue(KeyValueStore store, StoreFixture fixture) {
        store.put("k", bytes("old value"));
        long size = Math.min(fixture.largeValueSize(), 16L << 20);
        KvException e = assertThrows(KvException.class, () -> store.put("k", failingAfter(size / 2)));
        assertFalse(e.getMessage().contains("null"), "the message says what failed: " + e.getMessage());
        assertArrayEquals(bytes("old value"), store.get("k"));
    }

    @Test
    default void streamFailingHalfWayLeavesNoKey(KeyValueStore store, StoreFixture fixture) {
        long size = Math.min(fixture.largeValueSize(), 16L << 20);
        assertThrows(KvException.class, () -> store.put("fresh", failingAfter(size / 2)));
        assertFalse(store.contains("fresh"));
        try (Stream<String> keys = store.keys("")) {
            assertEquals(0, keys.count(), "no partial or temporary key is listed");
        }
    }

    @Test
    default void streamFailingAtOnceLeavesNoKey(KeyValueStore store) {
        assertThrows(KvException.class, () -> store.put("fresh", failingAfter(0)));
        assertFalse(store.contains("fresh"));
    }

    @Test
    default void putDoesNotCloseTheCallersStream(KeyValueStore store) {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream data = new java.io.ByteArrayInputStream(bytes("v")) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        store.put("k", data);
        assertFalse(closed.get(), "the caller owns the stream it passed");
    }

    @Test
    default void putReadsTheCallersStreamToItsEnd(KeyValueStore store) throws IOException {
        InputStream data = new java.io.ByteArrayInputStream(TestValues.random(100_000, 13));
        store.put("k", data);
        assertEquals(-1, data.read(), "the whole stream is the value");
        assertEquals(100_000, store.size("k"));
    }

    /**
     * @param good how many bytes to serve before failing
     * @return a stream that fails with an IOException after {@code good} bytes
     */
    private static InputStream failingAfter(long good) {
        InputStream data = TestValues.generated(good, 5);
        return new InputStream() {
            @Override
            public int read() throws IOException {
                int b = data.read();
                if (b < 0) {
                    throw new IOException("planted failure after " + good + " bytes");
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = data.read(buffer, offset, length);
                if (n < 0) {
                    throw new IOException("planted failure after " + good + " bytes");
                }
                return n;
            }
        };
    }
}
