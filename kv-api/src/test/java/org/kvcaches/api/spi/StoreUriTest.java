package org.kvcaches.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kvcaches.api.StoreUriException;

class StoreUriTest {

    @Test
    void opaqueUriHasSchemeAndPathOnly() {
        StoreUri uri = StoreUri.parse("mem:");
        assertEquals("mem", uri.scheme());
        assertFalse(uri.hasAuthority());
        assertEquals("", uri.path());
        assertTrue(uri.hosts().isEmpty());
        assertEquals("", uri.host());
        assertEquals(-1, uri.port());
    }

    @Test
    void relativeFilePathIsKept() {
        StoreUri uri = StoreUri.parse("file:relative/dir");
        assertFalse(uri.hasAuthority());
        assertEquals("relative/dir", uri.path());
    }

    @Test
    void absoluteFileUriHasEmptyAuthority() {
        StoreUri uri = StoreUri.parse("FILE:///var/data");
        assertEquals("file", uri.scheme());
        assertTrue(uri.hasAuthority());
        assertTrue(uri.hosts().isEmpty());
        assertEquals("/var/data", uri.path());
    }

    @Test
    void hostPortPathAndOptionsAreParsed() {
        StoreUri uri = StoreUri.parse("  redis://cache.example:6380/2?prefix=app%3A&timeout=2s  ");
        assertEquals("redis", uri.scheme());
        assertEquals("cache.example", uri.host());
        assertEquals(6380, uri.port());
        assertEquals("/2", uri.path());
        assertEquals(Optional.of("app:"), uri.options().string("prefix"));
        assertEquals(List.of("prefix", "timeout"), List.copyOf(uri.options().names()));
    }

    @Test
    void severalHostsIncludingIpv6AreParsed() {
        StoreUri uri = StoreUri.parse("redis://h1:7000,h2,[::1]:7002?cluster=true");
        assertEquals(List.of(new StoreUri.Host("h1", 7000), new StoreUri.Host("h2", -1), new StoreUri.Host("::1", 7002)), uri.hosts());
        assertEquals("[::1]:7002", uri.hosts().get(2).toString());
    }

    @Test
    void userInfoIsPercentDecoded() {
        StoreUri uri = StoreUri.parse("s3://AKIA%2Fx:se%2Fcr%40et@bucket/some/prefix");
        assertEquals(Optional.of("AKIA/x"), uri.user());
        assertEquals(Optional.of("se/cr@et"), uri.password());
        assertEquals("bucket", uri.host());
        assertEquals("/some/prefix", uri.path());
    }

    @Test
    void plusStaysPlusAndEmptyOptionValueIsEmpty() {
        StoreUri uri = StoreUri.parse("x://h?a=1+2&flag");
        assertEquals(Optional.of("1+2"), uri.options().string("a"));
        assertEquals(Optional.of(""), uri.options().string("flag"));
        assertEquals(Optional.of(true), uri.options().get(StoreOption.flag("flag", "a flag")));
    }

    @Test
    void toStringRedactsPasswordAndSecretOptions() {
        StoreUri uri = StoreUri.parse("redis://user:hunter2@h:1/0?password=hunter3&clientSecret=hunter4&prefix=p");
        String shown = uri.toString();
        assertFalse(shown.contains("hunter"), shown);
        assertTrue(shown.contains("user:***@h:1"), shown);
        assertTrue(shown.contains("prefix=p"), shown);
        assertFalse(uri.options().toString().contains("hunter"), uri.options().toString());
    }

    @Test
    void redactWorksOnChainsAndMalformedText() {
        String chain = "heap:// | redis://u:pw1@h/0 | s3://KEY:pw2@bucket?sessionToken=pw3";
        String shown = StoreUri.redact(chain);
        assertFalse(shown.contains("pw"), shown);
        assertTrue(shown.contains("heap:// | redis://u:***@h/0 | s3://KEY:***@bucket?sessionToken=***"), shown);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "noscheme", ":x", "1abc:x", "mem:#frag", "x://h:99999", "x://h:port", "x://[::1", "x://h,,h2",
        "x://h?a=1&a=2", "x://h/%zz", "x://h?=v", "x://h/with space", "x://h/caf\u00e9", "x://:1"})
    void malformedUrisAreRejectedWithAReason(String text) {
        StoreUriException e = assertThrows(StoreUriException.class, () -> StoreUri.parse(text));
        assertTrue(e.getMessage().length() > 20, e.getMessage());
    }

    @Test
    void malformedUriMessagesNeverContainThePassword() {
        StoreUriException e = assertThrows(StoreUriException.class, () -> StoreUri.parse("redis://u:topsecret@h:bad/0"));
        assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
        assertTrue(e.getMessage().contains("port 'bad'"), e.getMessage());
        e = assertThrows(StoreUriException.class, () -> StoreUri.parse("redis://u:topsecret@h/0#x"));
        assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
    }

    @Test
    void aPasswordHoldingAnAtSignIsRedactedWhole() {
        String shown = StoreUri.parse("redis://user:p@ss@word@h:1/0").toString();
        assertEquals("redis://user:***@h:1/0", shown);
    }

    @Test
    void redactionStopsAtTheEndOfTheAuthorityInFreeText() {
        assertEquals("cannot reach 'redis://u:***@h:1/0' (user bob@example.org)",
                StoreUri.redact("cannot reach 'redis://u:pw@h:1/0' (user bob@example.org)"));
        assertEquals("see http://example.org:8080/x?a=1", StoreUri.redact("see http://example.org:8080/x?a=1"));
    }

    /** Inputs that made the former regular expressions quadratic: 20,000 of these characters took 2-22 s. */
    @Test
    void redactionOfLongAdversarialInputsStaysCorrect() {
        int n = 2_000_000;
        String colons = "//" + ":".repeat(n);
        String questions = "x://h?" + "?".repeat(n);
        String passwords = "x://h?" + "password".repeat(n / 8) + "=hunter2";
        assertEquals(colons, StoreUri.redact(colons));
        assertEquals(questions, StoreUri.redact(questions));
        assertTrue(StoreUri.redact(passwords).endsWith("password=***"));
        assertEquals("//a:***@b".repeat(n / 10), StoreUri.redact("//a:pw@b".repeat(n / 10)));
    }

    @Test
    void aHugeUriIsShownOnlyInPart() {
        StoreUri uri = StoreUri.parse("mem://h/" + "p".repeat(10_000_000));
        assertTrue(uri.toString().length() < 1_100 && uri.toString().endsWith("...(10000008 characters)"), uri.toString().substring(990));
        StoreUriException e = assertThrows(StoreUriException.class, () -> StoreUri.parse("mem://h:x/" + "p".repeat(10_000_000)));
        assertTrue(e.getMessage().length() < 2_000, "message of " + e.getMessage().length() + " characters");
    }

    @Test
    void nullIsRejected() {
        assertThrows(StoreUriException.class, () -> StoreUri.parse(null));
    }
}
