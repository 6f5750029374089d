package org.kvcaches.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.spi.CacheTierReads;

/** The entry format, read whole (a copy of the payload) and in two parts (the payload as it came). */
class CacheEntryTest {
    private static final byte[] PAYLOAD = "a payload of some bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static CacheTierReads.Parts parts(byte[] raw) {
        return CacheTierReads.Parts.split(raw, CacheEntry.HEADER);
    }

    @Test
    void anEntryReadsTheSameWholeAndInTwoPartsAndTheTwoPartReadKeepsThePayloadArray() {
        long expires = System.currentTimeMillis() + 60_000;
        byte[] raw = CacheEntry.encode(CacheEntry.Kind.VALUE, PAYLOAD, expires, true);
        CacheEntry whole = CacheEntry.decode(raw, true);
        CacheTierReads.Parts parts = parts(raw);
        CacheEntry split = CacheEntry.decode(parts, true);
        assertArrayEquals(PAYLOAD, whole.payload);
        assertArrayEquals(PAYLOAD, split.payload);
        assertSame(parts.rest(), split.payload, "no copy of the payload");
        assertEquals(expires, split.expiresAtMillis);
        assertEquals(CacheEntry.Kind.VALUE, split.kind);
        assertEquals(CacheEntry.Kind.LEASE, CacheEntry.decode(parts(CacheEntry.encode(CacheEntry.Kind.LEASE, PAYLOAD, expires, true)), true).kind);
    }

    @Test
    void aCorruptForeignExpiredOrShortEntryIsNoEntryInTwoPartsAsWhole() {
        byte[] raw = CacheEntry.encode(CacheEntry.Kind.VALUE, PAYLOAD, 0, true);
        byte[] flipped = raw.clone();
        flipped[flipped.length - 1] ^= 1;
        assertNull(CacheEntry.decode(flipped, true));
        assertNull(CacheEntry.decode(parts(flipped), true), "a payload that fails its CRC-32C");
        byte[] truncated = Arrays.copyOf(raw, raw.length - 1);
        assertNull(CacheEntry.decode(truncated, true));
        assertNull(CacheEntry.decode(parts(truncated), true), "a payload shorter than its header says");
        byte[] foreign = "not an entry at all, though longer than a header".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertNull(CacheEntry.decode(foreign, true));
        assertNull(CacheEntry.decode(parts(foreign), true));
        assertNull(CacheEntry.decode(parts(Arrays.copyOf(raw, 10)), true), "a value shorter than a header");
        assertNull(CacheEntry.decode(new CacheTierReads.Parts(Arrays.copyOf(raw, CacheEntry.HEADER - 1),
                Arrays.copyOfRange(raw, CacheEntry.HEADER - 1, raw.length)), true), "a head that is not the header's length");
        byte[] expired = CacheEntry.encode(CacheEntry.Kind.VALUE, PAYLOAD, System.currentTimeMillis() - 1, true);
        assertNull(CacheEntry.decode(parts(expired), true));
        assertArrayEquals(PAYLOAD, CacheEntry.decode(parts(expired), false).payload, "an in-process entry is expired by its store");
    }
}
