package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kvcaches.tck.TestValues.bytes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.InvalidKeyException;
import org.kvcaches.api.KeyValueStore;

/** Key rules: every valid key round-trips and lists back exactly; every invalid key is rejected before I/O. */
public interface KeyContract extends StoreContract {

    /** Keys that look like paths, globs, URL escapes, file-system specials. */
    List<String> TRICKY_KEYS = List.of(
            "short_key", "!\"`#$%&'()+,-.<=>?@[]^_{}~", "a:b;c|d", "%2F", "..%2F", "%2e%2e", "%00", "%", "%%", "*", "?", "[", "]",
            "[a-z]", "a*b?c", "\\", "a\\b", "\\\\server\\share", "C:", "c:\\windows", "CON", "nul", "aux.txt", "COM1", "lpt9",
            "trailing.", "trailing..", ".hidden", "...", "a/...", "~", "~user", "$HOME", "${x}", "#", "a#b", "a?b=c&d", "<tag>",
            "\"quoted\"", "'single'", "A", "a/A", "Aa", "aA", "UPPER/lower", "x.kv-tmp", ".kv-tmp", "name.tmp", "+plus+", "=",
            "{hash}tag", "{a}", "a/b/c/d/e/f/g/h", "-dash", "@at", "^caret", "`tick`", "|pipe|", ";semi;", ",comma,");

    @Test
    default void everyPrintableAsciiCharacterRoundTripsInAKey(KeyValueStore store) {
        Set<String> written = new HashSet<>();
        for (char c = 0x21; c <= 0x7E; c++) {
            if (c == '/') {
                continue;
            }
            String key = "c" + c + "x" + c;
            store.put(key, bytes("v" + (int) c));
            written.add(key);
        }
        for (String key : written) {
            assertArrayEquals(bytes("v" + (int) key.charAt(1)), store.get(key), "key " + key);
        }
        try (Stream<String> keys = store.keys("")) {
            assertEquals(written, keys.collect(Collectors.toSet()));
        }
    }

    @Test
    default void trickyKeysRoundTripAndListBackExactly(KeyValueStore store) {
        for (int i = 0; i < TRICKY_KEYS.size(); i++) {
            store.put(TRICKY_KEYS.get(i), bytes("value " + i));
        }
        for (int i = 0; i < TRICKY_KEYS.size(); i++) {
            assertArrayEquals(bytes("value " + i), store.get(TRICKY_KEYS.get(i)), "key " + TRICKY_KEYS.get(i));
        }
        try (Stream<String> keys = store.keys("")) {
            List<String> listed = keys.collect(Collectors.toList());
            assertEquals(TRICKY_KEYS.size(), listed.size(), "each key listed once: " + listed);
            assertEquals(new HashSet<>(TRICKY_KEYS), new HashSet<>(listed));
        }
    }

    @Test
    default void keysDifferingOnlyInCaseAreDistinct(KeyValueStore store) {
        store.put("key", bytes("lower"));
        store.put("KEY", bytes("upper"));
        store.put("Key", bytes("mixed"));
        assertArrayEquals(bytes("lower"), store.get("key"));
        assertArrayEquals(bytes("upper"), store.get("KEY"));
        assertArrayEquals(bytes("mixed"), store.get("Key"));
    }

    @Test
    default void keyOf250CharactersRoundTrips(KeyValueStore store) {
        String a = "a".repeat(250);
        String nested = ("b".repeat(49) + "/").repeat(5).substring(0, 249) + "c";
        store.put(a, bytes("max"));
        store.put(nested, bytes("nested max"));
        assertArrayEquals(bytes("max"), store.get(a));
        assertArrayEquals(bytes("nested max"), store.get(nested));
        try (Stream<String> keys = store.keys("")) {
            assertEquals(Set.of(a, nested), keys.collect(Collectors.toSet()));
        }
    }

    @Test
    default void aKeyAndItsChildrenCoexist(KeyValueStore store) {
        store.put("a", bytes("parent"));
        store.put("a/b", bytes("child"));
        store.put("a/b/c", bytes("grandchild"));
        assertArrayEquals(bytes("parent"), store.get("a"));
        assertArrayEquals(bytes("child"), store.get("a/b"));
        assertArrayEquals(bytes("grandchild"), store.get("a/b/c"));
        store.delete("a/b");
        assertArrayEquals(bytes("parent"), store.get("a"));
        assertArrayEquals(bytes("grandchild"), store.get("a/b/c"));
        try (Stream<String> keys = store.keys("")) {
            assertEquals(Set.of("a", "a/b/c"), keys.collect(Collectors.toSet()));
        }
    }

    @Test
    default void childWrittenBeforeParentCoexists(KeyValueStore store) {
        store.put("x/y", bytes("child"));
        store.put("x", bytes("parent"));
        assertArrayEquals(bytes("child"), store.get("x/y"));
        assertArrayEquals(bytes("parent"), store.get("x"));
    }

    @Test
    default void keysBuiltToEscapeTheNamespaceStayInside(KeyValueStore store) {
        List<String> escapes = List.of("..%2F..%2Fetc%2Fpasswd", "%2E%2E/%2E%2E/x", "..\\..\\x", "a/..\\..\\b", "~/.ssh", "$(touch${IFS}x)", "C:\\x",
                "%2F%2Fserver", "..;", ".../x");
        for (String key : escapes) {
            store.put(key, bytes(key));
        }
        try (Stream<String> keys = store.keys("")) {
            assertEquals(new HashSet<>(escapes), keys.collect(Collectors.toSet()));
        }
        for (String key : escapes) {
            assertArrayEquals(bytes(key), store.get(key));
        }
    }

    @Test
    default void invalidKeysAreRejectedByEveryOperationBeforeAnyChange(KeyValueStore store) {
        store.put("valid", bytes("v"));
        List<String> invalid = new ArrayList<>(List.of("", "ä", "\u0000", "no whitespace allowed", "tab\t", "/", "/lead", "trail/",
                "a//b", ".", "..", "a/./b", "a/../b", "x".repeat(251), "new\nline", "\u007F"));
        invalid.add(null);
        List<Consumer<String>> operations = List.of(
                k -> store.get(k), k -> store.find(k), k -> store.open(k), k -> store.open(k, 0, 1), k -> store.contains(k),
                k -> store.size(k), k -> store.put(k, bytes("x")), k -> store.put(k, new java.io.ByteArrayInputStream(bytes("x"))),
                k -> store.delete(k), k -> store.copy("valid", k), k -> store.copy(k, "valid"), k -> store.move("valid", k),
                k -> store.move(k, "valid"), k -> store.getAll(List.of("valid", k == null ? "a b" : k)),
                k -> store.deleteAll(List.of("valid", k == null ? "a b" : k)), k -> store.copyTo(k, java.io.OutputStream.nullOutputStream()));
        for (String key : invalid) {
            for (Consumer<String> operation : operations) {
                InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> operation.accept(key), "key " + key);
                assertTrue(e instanceof IllegalArgumentException);
                if (key != null && !key.isEmpty() && key.length() <= 250 && key.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                    assertTrue(e.getMessage().contains(key), "the message names the key: " + e.getMessage());
                }
            }
        }
        assertArrayEquals(bytes("v"), store.get("valid"), "nothing was changed");
        try (Stream<String> keys = store.keys("")) {
            assertEquals(List.of("valid"), keys.collect(Collectors.toList()));
        }
    }

    @Test
    default void invalidPrefixesAreRejected(KeyValueStore store) {
        assertThrows(InvalidKeyException.class, () -> store.keys("a b"));
        assertThrows(InvalidKeyException.class, () -> store.keys(null));
        assertThrows(InvalidKeyException.class, () -> store.prefixes("ä", "/"));
        assertThrows(IllegalArgumentException.class, () -> store.prefixes("", ""));
        assertThrows(IllegalArgumentException.class, () -> store.prefixes("", null));
        assertFalse(store.contains("a"));
    }
}
