package org.kvcaches.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeysTest {

    @Test
    void everyPrintableAsciiCharacterIsAllowed() {
        for (char c = 0x21; c <= 0x7E; c++) {
            String key = "k" + c + "k";
            assertEquals(key, Keys.requireValid(key), "character " + c);
        }
    }

    @Test
    void aSingleCharacterKeyIsValidExceptSlashAndDot() {
        for (char c = 0x21; c <= 0x7E; c++) {
            String key = String.valueOf(c);
            assertEquals(c != '/' && c != '.', Keys.isValid(key), "key " + key);
        }
    }

    @Test
    void keysOf250CharactersAreValidAnd251AreNot() {
        assertTrue(Keys.isValid("a".repeat(250)));
        InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> Keys.requireValid("a".repeat(251)));
        assertTrue(e.getMessage().contains("at most 250 characters, this one has 251"), e.getMessage());
    }

    @Test
    void spaceIsRejectedWithItsPosition() {
        InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> Keys.requireValid("no space"));
        assertEquals("no space", e.key());
        assertTrue(e.getMessage().contains("'no space'") && e.getMessage().contains("character 2 is a space"), e.getMessage());
    }

    @Test
    void controlCharactersAreRejectedAndShownEscaped() {
        for (char c : new char[] {0, 1, '\t', '\n', '\r', 0x1F, 0x7F}) {
            InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> Keys.requireValid("a" + c));
            assertTrue(e.getMessage().contains("control character"), e.getMessage());
            assertTrue(e.getMessage().contains(String.format("\\u%04X", (int) c)), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ä", "日本", "emoji\uD83C\uDF7A", "\u00A0", "caf\u00E9"})
    void nonAsciiCharactersAreRejected(String key) {
        InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> Keys.requireValid(key));
        assertTrue(e.getMessage().contains("non-ASCII"), e.getMessage());
    }

    @Test
    void nullAndEmptyAreRejected() {
        assertTrue(assertThrows(InvalidKeyException.class, () -> Keys.requireValid(null)).getMessage().contains("null"));
        assertTrue(assertThrows(InvalidKeyException.class, () -> Keys.requireValid("")).getMessage().contains("empty"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a", "a/", "/", "a//b", ".", "..", "a/./b", "a/../b", "../a", "a/..", "./a", "a/."})
    void hierarchyRulesAreEnforced(String key) {
        InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> Keys.requireValid(key));
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a/b/c", "...", "a/.../b", ".a", "a.", "a/.b", "..a/b..", "%2F", "..%2F", "*", "?", "[", "\\", "a|b", "C:\\x", "con"})
    void keysThatOnlyLookDangerousAreValid(String key) {
        assertEquals(key, Keys.requireValid(key));
    }

    @Test
    void prefixesMayBePartialKeysButUseTheKeyAlphabet() {
        assertEquals("", Keys.requireValidPrefix(""));
        assertEquals("a/", Keys.requireValidPrefix("a/"));
        assertEquals("a/.", Keys.requireValidPrefix("a/."));
        assertThrows(InvalidKeyException.class, () -> Keys.requireValidPrefix("a b"));
        assertThrows(InvalidKeyException.class, () -> Keys.requireValidPrefix(null));
        assertThrows(InvalidKeyException.class, () -> Keys.requireValidPrefix("x".repeat(251)));
    }

    @Test
    void invalidKeyExceptionIsAnIllegalArgumentException() {
        assertTrue(IllegalArgumentException.class.isAssignableFrom(InvalidKeyException.class));
        assertFalse(KvException.class.isAssignableFrom(InvalidKeyException.class));
    }
}
