package org.kvcaches.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kvcaches.api.StoreUriException;

class StoreOptionsTest {

    private static StoreOptions options(String query) {
        return StoreUri.parse("x://h?" + query).options();
    }

    @ParameterizedTest
    @CsvSource({"1024,1024", "0,0", "1B,1", "64KiB,65536", "64k,65536", "64MiB,67108864", "1GiB,1073741824",
        "2TiB,2199023255552", "10MB,10000000", "5kB,5000", "3gb,3000000000"})
    void sizesAreParsed(String text, long bytes) {
        assertEquals(bytes, StoreOptions.parseSize(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "1.5MiB", "MiB", "12 parsecs", "99999999999999999999", "9999999TiB"})
    void badSizesAreRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> StoreOptions.parseSize(text));
    }

    @ParameterizedTest
    @CsvSource({"250ms,250", "30s,30000", "5m,300000", "2h,7200000", "1d,86400000", "PT30S,30000", "pt1m,60000"})
    void durationsAreParsed(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), StoreOptions.parseDuration(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "s", "1.5s", "-5s", "PT-5S", "5 minutes", "P"})
    void badDurationsAreRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> StoreOptions.parseDuration(text));
    }

    @Test
    void typedGettersReadValuesAndFallBack() {
        StoreOptions o = options("n=8&on=yes&off=false&size=2MiB&wait=1500ms&unit=seconds&name=x");
        assertEquals(8, o.integer("n", 1));
        assertEquals(3, o.integer("missing", 3));
        assertTrue(o.flag("on", false));
        assertFalse(o.flag("off", true));
        assertEquals(2L << 20, o.size("size", 0));
        assertEquals(Duration.ofMillis(1500), o.duration("wait", Duration.ZERO));
        assertEquals(TimeUnit.SECONDS, o.choice("unit", TimeUnit.class, TimeUnit.DAYS));
        assertEquals(TimeUnit.DAYS, o.choice("absent", TimeUnit.class, TimeUnit.DAYS));
        assertEquals("x", o.string("name", "y"));
    }

    @Test
    void badlyTypedOptionsNameTheOptionTheUriAndTheExpectedForm() {
        StoreOptions o = options("n=many&on=perhaps&size=lots&wait=soon&unit=fortnights");
        assertMessage(() -> o.integer("n", 0), "option 'n'", "'many'", "whole number", "x://h?");
        assertMessage(() -> o.flag("on", false), "option 'on'", "true or false");
        assertMessage(() -> o.size("size", 0), "option 'size'", "64MiB");
        assertMessage(() -> o.duration("wait", null), "option 'wait'", "30s");
        assertMessage(() -> o.choice("unit", TimeUnit.class, null), "option 'unit'", "one of nanoseconds");
    }

    @Test
    void badSecretOptionValuesAreNotShown() {
        StoreOptions o = options("password=hunter2");
        StoreUriException e = assertThrows(StoreUriException.class, () -> o.integer("password", 0));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    private static void assertMessage(Runnable call, String... parts) {
        StoreUriException e = assertThrows(StoreUriException.class, call::run);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }
}
