package org.kvcaches.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kvcaches.api.StoreUriException;

class StoreOptionsTest {
    private static final StoreOption<Integer> N = StoreOption.integer("n", 1, 100, "a count");
    private static final StoreOption<Boolean> ON = StoreOption.flag("on", "a flag");
    private static final StoreOption<Boolean> OFF = StoreOption.flag("off", "a flag");
    private static final StoreOption<Long> SIZE = StoreOption.size("size", "a size");
    private static final StoreOption<Duration> WAIT = StoreOption.duration("wait", "a wait");
    private static final StoreOption<String> UNIT = StoreOption.choice("unit", List.of("seconds", "days"), "a unit");
    private static final StoreOption<String> NAME = StoreOption.string("name", "a name");

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
    @ValueSource(strings = {"", "30", "s", "1.5s", "-5s", "PT-5S", "5 minutes", "P", "99999999999999999999d",
        "999999999999999999d", "PT9999999999999999999H"})
    void badDurationsAreRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> StoreOptions.parseDuration(text));
    }

    @Test
    void valuesAreReadThroughTheirDescriptors() {
        StoreOptions o = options("n=8&on=yes&off=false&size=2MiB&wait=1500ms&unit=SECONDS&name=x");
        assertEquals(Optional.of(8), o.get(N));
        assertEquals(Optional.of(true), o.get(ON));
        assertEquals(Optional.of(false), o.get(OFF));
        assertEquals(Optional.of(2L << 20), o.get(SIZE));
        assertEquals(Optional.of(Duration.ofMillis(1500)), o.get(WAIT));
        assertEquals(Optional.of("seconds"), o.get(UNIT));
        assertEquals(Optional.of("x"), o.get(NAME));
    }

    @Test
    void absentOptionsAreEmptySoThatTheBuildersDefaultApplies() {
        StoreOptions o = options("other=1");
        assertEquals(Optional.empty(), o.get(N));
        assertEquals(Optional.empty(), o.get(WAIT));
    }

    @Test
    void getOrDefaultFallsBackToTheDescriptorsDefault() {
        StoreOption<Duration> timeout = WAIT.withDefault(Duration.ofSeconds(2));
        assertEquals(Duration.ofSeconds(2), options("other=1").getOrDefault(timeout));
        assertEquals(Duration.ofSeconds(5), options("wait=5s").getOrDefault(timeout));
        assertThrows(IllegalStateException.class, () -> options("other=1").getOrDefault(WAIT));
    }

    @Test
    void badlyTypedOptionsNameTheOptionTheUriAndTheExpectedForm() {
        StoreOptions o = options("n=many&on=perhaps&size=lots&wait=soon&unit=fortnights");
        assertMessage(() -> o.get(N), "option 'n'", "'many'", "whole number from 1 to 100", "x://h?");
        assertMessage(() -> o.get(ON), "option 'on'", "true or false");
        assertMessage(() -> o.get(SIZE), "option 'size'", "64KiB");
        assertMessage(() -> o.get(WAIT), "option 'wait'", "30s");
        assertMessage(() -> o.get(UNIT), "option 'unit'", "one of seconds, days");
    }

    @Test
    void outOfRangeValuesNameTheRange() {
        assertMessage(() -> options("n=101").get(N), "option 'n'", "'101'", "from 1 to 100");
        assertMessage(() -> options("n=0").get(N), "option 'n'", "from 1 to 100");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0B", "0MiB", "99999999999999999999", "9999999TiB"})
    void sizesRefuseZeroAndOverflow(String text) {
        assertMessage(() -> options("size=" + text).get(SIZE), "option 'size'", "from 1B to");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0ms", "0s", "PT0S", "9999999999999d", "366d", "-1s", "PT-1S", "PT0.0001S"})
    void durationsRefuseZeroNegativeAndOverflow(String text) {
        assertMessage(() -> options("wait=" + text).get(WAIT), "option 'wait'", "from 1ms to 365d");
    }

    @Test
    void badSecretOptionValuesAreNotShown() {
        StoreOption<Integer> password = StoreOption.integer("password", 0, 10, "a secret number");
        StoreUriException e = assertThrows(StoreUriException.class, () -> options("password=hunter2").get(password));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void aHugeBadValueIsQuotedOnlyInPart() {
        String huge = "x".repeat(1_000_000);
        StoreUriException e = assertThrows(StoreUriException.class, () -> options("n=" + huge).get(N));
        assertTrue(e.getMessage().length() < 3_000, "message of " + e.getMessage().length() + " characters");
        assertTrue(e.getMessage().contains("(1000000 characters)"), e.getMessage());
    }

    private static void assertMessage(Runnable call, String... parts) {
        StoreUriException e = assertThrows(StoreUriException.class, call::run);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }
}
