package org.kvcaches.api.spi;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The default two-part find-or-put, over a tier that only reads whole. */
class CacheTierReadsTest {
    /** A tier of one map, reading whole. */
    private static final class MapTier implements CacheTierReads {
        final Map<String, byte[]> values = new HashMap<>();

        @Override
        public boolean boundsReads() {
            return true;
        }

        @Override
        public Optional<byte[]> findWithin(String key, Duration deadline) {
            return Optional.ofNullable(values.get(key));
        }

        @Override
        public Optional<byte[]> findOrPut(String key, byte[] value, Duration ttl, Duration deadline) {
            byte[] found = values.putIfAbsent(key, value);
            return Optional.ofNullable(found);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(US_ASCII);
    }

    @Test
    void theDefaultSplitsWhatTheWholeReadFoundAndPutsWhenAbsent() {
        MapTier tier = new MapTier();
        Duration second = Duration.ofSeconds(1);
        assertEquals(Optional.empty(), tier.findOrPut("k", bytes("headrest"), second, second, 4));
        assertArrayEquals(bytes("headrest"), tier.values.get("k"));
        CacheTierReads.Parts parts = tier.findOrPut("k", bytes("other"), second, second, 4).orElseThrow();
        assertArrayEquals(bytes("head"), parts.head());
        assertArrayEquals(bytes("rest"), parts.rest());
        assertArrayEquals(bytes("headrest"), tier.values.get("k"), "found, not overwritten");
    }

    @Test
    void aValueShorterThanTheHeadIsAllHeadAndTheCopiesAreNotTheValue() {
        byte[] value = bytes("abc");
        CacheTierReads.Parts parts = CacheTierReads.Parts.split(value, 8);
        assertArrayEquals(value, parts.head());
        assertArrayEquals(new byte[0], parts.rest());
        value[0] = 'x';
        assertEquals('a', parts.head()[0], "the parts are copies");
        assertArrayEquals(value, CacheTierReads.Parts.split(value, 0).rest());
        assertArrayEquals(new byte[0], CacheTierReads.Parts.split(value, -1).head());
        assertThrows(NullPointerException.class, () -> new CacheTierReads.Parts(null, new byte[0]));
    }
}
