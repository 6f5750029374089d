package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kvcaches.tck.TestValues.bytes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KvException;

/**
 * Large values stream in and out without being held in memory ({@link StoreFixture#largeValueSize()},
 * 64 MiB by default; the TCK measures the heap while they pass), and a stream that fails half way
 * leaves the old value and no partial key.
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
        assertEquals(size, store.size("large"), "size() of the streamed large value");
        try (InputStream in = store.open("large")) {
            assertEquals(expected, TestValues.sha256(in), "SHA-256 of the large value read back through open()");
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
        }), "copyTo(stream) returns the number of bytes of the large value");
        assertEquals(size, count[0], "bytes copyTo(stream) wrote");
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
            assertArrayEquals(tail, in.readAllBytes(), "the last 100 bytes of a large value read by open(key, size - 100, 1000)");
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
                assertEquals(16, in.readNBytes(16).length, "bytes read from an open stream before closing it early");
            }
        }
        store.put("after", bytes("the store still works"));
        assertArrayEquals(bytes("the store still works"), store.get("after"), "a value put after 20 streams were closed early");
    }

    @Test
    default void streamFailingHalfWayKeepsTheOldValue(KeyValueStore store, StoreFixture fixture) {
        store.put("half-way/key", bytes("old value"));
        long size = Math.min(fixture.largeValueSize(), 16L << 20);
        KvException e = assertThrows(KvException.class, () -> store.put("half-way/key", failingAfter(size / 2)),
                "a put whose stream fails half way throws KvException");
        assertFalse(e.getMessage().contains("null"), "the message says what failed: " + e.getMessage());
        assertTrue(e.getMessage().contains("half-way/key"), "the message names the key: " + e.getMessage());
        assertArrayEquals(bytes("old value"), store.get("half-way/key"), "the old value after a put whose stream failed half way");
    }

    @Test
    default void streamFailingHalfWayLeavesNoKey(KeyValueStore store, StoreFixture fixture) {
        long size = Math.min(fixture.largeValueSize(), 16L << 20);
        assertThrows(KvException.class, () -> store.put("fresh", failingAfter(size / 2)), "a put whose stream fails half way throws KvException");
        assertFalse(store.contains("fresh"), "contains() of a key whose only put failed half way");
        Listings.assertListsExactly(List.of(), Listings.keys(store, ""), "keys(\"\") after a failed put (no partial or temporary key)");
    }

    @Test
    default void streamFailingAtOnceLeavesNoKey(KeyValueStore store) {
        assertThrows(KvException.class, () -> store.put("fresh", failingAfter(0)), "a put whose stream fails at once throws KvException");
        assertFalse(store.contains("fresh"), "contains() of a key whose only put failed at once");
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
        assertEquals(-1, data.read(), "the caller's stream after put: read to its end, the whole stream is the value");
        assertEquals(100_000, store.size("k"), "size() of a value put from a 100,000-byte stream");
    }

    @Test
    default void streamedPutHoldsBoundedMemory(KeyValueStore store, StoreFixture fixture) {
        String onTheHeap = fixture.valuesOnTheHeap();
        if (onTheHeap != null) {
            Assumptions.abort("skipped: " + store + " keeps its values in the heap, says the fixture: " + onTheHeap);
        }
        long size = fixture.largeValueSize();
        HeapProbe probe = HeapProbe.start(store);
        // Measured when 7/8 of the value has been read: a store holding what it read holds 7/8 of it.
        store.put("bounded", probe.sampledAfter(TestValues.generated(size, 17), size - size / 8));
        probe.assertHeldLessThan(size / 2, "put(key, InputStream) of a " + HeapProbe.mib(size) + " value into " + store);
        assertEquals(size, store.size("bounded"), "size() of the value put while memory was measured");
    }

    @Test
    default void streamedReadHoldsBoundedMemory(KeyValueStore store, StoreFixture fixture) throws IOException {
        long size = fixture.largeValueSize();
        try (InputStream data = TestValues.generated(size, 19)) {
            store.put("bounded", data);
        }
        byte[] buffer = new byte[64 << 10];
        long read = 0;
        HeapProbe probe = HeapProbe.start(store);
        try (InputStream in = store.open("bounded")) {
            for (int n; read < size / 2 && (n = in.read(buffer)) >= 0; ) {
                read += n;
            }
            probe.sample();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                read += n;
            }
        }
        probe.assertHeldLessThan(size / 2, "open(key) of a " + HeapProbe.mib(size) + " value in " + store + ", half read,");
        assertEquals(size, read, "bytes read through open() of the value");
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
