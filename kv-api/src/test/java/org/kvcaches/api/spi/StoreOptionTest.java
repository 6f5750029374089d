package org.kvcaches.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreOptionTest {

    @Test
    void aDefaultIsShownInUriForm() {
        assertEquals("8MiB", StoreOption.size("s", "d").withDefault(8L << 20).defaultText());
        assertEquals("512MiB", StoreOption.size("s", "d").withDefault(512L << 20).defaultText());
        assertEquals("1000B", StoreOption.size("s", "d").withDefault(1000L).defaultText());
        assertEquals("15m", StoreOption.duration("d", "d").withDefault(Duration.ofMinutes(15)).defaultText());
        assertEquals("1500ms", StoreOption.duration("d", "d").withDefault(Duration.ofMillis(1500)).defaultText());
        assertEquals("true", StoreOption.flag("f", "d").withDefault(true).defaultText());
        assertEquals("none", StoreOption.string("t", "d").defaultText());
        assertEquals("true with several hosts", StoreOption.flag("f", "d").withDefaultText("true with several hosts").defaultText());
        assertEquals(Optional.of(16), StoreOption.integer("i", 1, 64, "d").withDefault(16).defaultValue());
    }

    @Test
    void aDefaultOutsideTheRangeIsRefusedWhenDeclared() {
        StoreOption<Long> partSize = StoreOption.size("partSize", "d").range(5L << 20, 2L << 30);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> partSize.withDefault(1L << 20));
        assertTrue(e.getMessage().contains("default 1MiB is not from 5MiB to 2GiB"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StoreOption.choice("c", List.of("a", "b"), "d").withDefault("z"));
    }

    @Test
    void narrowingTheRangeChecksAnExistingDefault() {
        StoreOption<Integer> pool = StoreOption.integer("pool", 1, 100, "d").withDefault(50);
        assertThrows(IllegalArgumentException.class, () -> pool.range(1, 10));
        assertEquals(Optional.of(50), pool.range(1, 60).defaultValue());
    }

    @Test
    void rangesCannotBeNegativeOrEmpty() {
        assertThrows(IllegalArgumentException.class, () -> StoreOption.size("s", "d").range(-1L, 10L));
        assertThrows(IllegalArgumentException.class, () -> StoreOption.duration("t", "d").range(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> StoreOption.flag("f", "d").range(false, true));
        assertEquals(0L, StoreOption.size("s", "d").range(0L, 10L).parse("0"));
    }

    @Test
    void theTypeTextShowsANarrowedRange() {
        assertEquals("size", StoreOption.size("s", "d").typeText());
        assertEquals("size 5MiB..2GiB", StoreOption.size("s", "d").range(5L << 20, 2L << 30).typeText());
        assertEquals("duration", StoreOption.duration("t", "d").typeText());
        assertEquals("duration 1ms..24d", StoreOption.duration("t", "d").range(Duration.ofMillis(1), Duration.ofDays(24)).typeText());
        assertEquals("integer 1..64", StoreOption.integer("i", 1, 64, "d").typeText());
        assertEquals("whenSupported|whenRequired", StoreOption.choice("c", List.of("whenSupported", "whenRequired"), "d").typeText());
        assertEquals("flag", StoreOption.flag("f", "d").typeText());
    }

    @Test
    void choicesMatchIgnoringCaseAndGiveTheDocumentedSpelling() {
        StoreOption<String> checksums = StoreOption.choice("checksums", List.of("whenSupported", "whenRequired"), "d");
        assertEquals("whenRequired", checksums.parse("WHENREQUIRED"));
        assertThrows(IllegalArgumentException.class, () -> checksums.parse("sometimes"));
    }

    @Test
    void aStringOptionCanRequireAPattern() {
        StoreOption<String> permissions = StoreOption.string("permissions", "d").matching("([r-][w-][x-]){3}", "rw-r-----");
        assertEquals("rw-r-----", permissions.parse("rw-r-----"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> permissions.parse("everyone"));
        assertEquals("a value such as rw-r-----", e.getMessage());
    }

    @Test
    void secretOptionsAreThoseThatRedactionHides() {
        assertTrue(StoreOption.string("clientSecret", "d").isSecret());
        assertTrue(StoreOption.string("password", "d").secret().isSecret());
        assertFalse(StoreOption.string("prefix", "d").isSecret());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StoreOption.string("pin", "d").secret());
        assertTrue(e.getMessage().contains("redaction would still show it"), e.getMessage());
    }

    @Test
    void aFractionIsADecimalFromZeroToOne() {
        StoreOption<Double> rate = StoreOption.fraction("verifyRate", "d");
        assertEquals(0.01, rate.parse("0.01"));
        assertEquals(1.0, rate.parse("1"));
        assertEquals("fraction 0.0..1.0", rate.typeText());
        for (String bad : List.of("1.5", "-0.1", "NaN", "Infinity", "1e-3", "lots")) {
            assertThrows(IllegalArgumentException.class, () -> rate.parse(bad), bad);
        }
    }

    @Test
    void namesMustFitInAQuery() {
        assertThrows(IllegalArgumentException.class, () -> StoreOption.flag("a=b", "d"));
        assertThrows(IllegalArgumentException.class, () -> StoreOption.flag("", "d"));
        assertThrows(IllegalArgumentException.class, () -> StoreOption.flag("a b", "d"));
    }
}
