package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kvcaches.tck.TestValues.bytes;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
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
            assertArrayEquals(bytes("v" + (int) key.charAt(1)), store.get(key), "get() of key " + key);
        }
        Listings.assertListsExactly(written, Listings.keys(store, ""), "keys(\"\") of one key per printable character");
    }

    @Test
    default void trickyKeysRoundTripAndListBackExactly(KeyValueStore store) {
        for (int i = 0; i < TRICKY_KEYS.size(); i++) {
            store.put(TRICKY_KEYS.get(i), bytes("value " + i));
        }
        for (int i = 0; i < TRICKY_KEYS.size(); i++) {
            assertArrayEquals(bytes("value " + i), store.get(TRICKY_KEYS.get(i)), "get() of tricky key " + TRICKY_KEYS.get(i));
        }
        Listings.assertListsExactly(TRICKY_KEYS, Listings.keys(store, ""), "keys(\"\") of the tricky keys");
    }

    @Test
    default void keysDifferingOnlyInCaseAreDistinct(KeyValueStore store) {
        store.put("key", bytes("lower"));
        store.put("KEY", bytes("upper"));
        store.put("Key", bytes("mixed"));
        assertArrayEquals(bytes("lower"), store.get("key"), "get(\"key\") next to KEY and Key");
        assertArrayEquals(bytes("upper"), store.get("KEY"), "get(\"KEY\") next to key and Key");
        assertArrayEquals(bytes("mixed"), store.get("Key"), "get(\"Key\") next to key and KEY");
        Listings.assertListsExactly(List.of("key", "KEY", "Key"), Listings.keys(store, ""), "keys(\"\") of keys differing only in case");
    }

    @Test
    default void keyOf250CharactersRoundTrips(KeyValueStore store) {
        String a = "a".repeat(250);
        String nested = ("b".repeat(49) + "/").repeat(5).substring(0, 249) + "c";
        store.put(a, bytes("max"));
        store.put(nested, bytes("nested max"));
        assertArrayEquals(bytes("max"), store.get(a), "get() of a 250-character key");
        assertArrayEquals(bytes("nested max"), store.get(nested), "get() of a 250-character key of five segments");
        Listings.assertListsExactly(List.of(a, nested), Listings.keys(store, ""), "keys(\"\") of two 250-character keys");
    }

    @Test
    default void longestKeysOfEveryCharacterClassRoundTrip(KeyValueStore store) throws IOException {
        List<String> keys = longKeys();
        for (int i = 0; i < keys.size(); i++) {
            store.put(keys.get(i), bytes("long " + i));
        }
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            assertArrayEquals(bytes("long " + i), store.get(key), "get() of long key " + key);
            assertTrue(store.contains(key), "contains() of long key " + key);
            assertEquals(("long " + i).length(), store.size(key), "size() of the value of long key " + key);
            try (InputStream in = store.open(key)) {
                assertArrayEquals(bytes("long " + i), in.readAllBytes(), "open() of long key " + key);
            }
        }
        Listings.assertListsExactly(keys, Listings.keys(store, ""), "keys(\"\") of the long keys");
        for (String key : keys) {
            store.delete(key);
            assertFalse(store.contains(key), "contains() of long key " + key + " after delete()");
        }
    }

    @Test
    default void longKeysAreListedUnderNonEmptyPrefixes(KeyValueStore store) {
        List<String> keys = longKeys();
        for (String key : keys) {
            store.put(key, bytes("v"));
        }
        Set<String> prefixes = new TreeSet<>();
        for (String key : keys) {
            prefixes.add(key.substring(0, 1));
            prefixes.add(key.substring(0, 100));
            prefixes.add(key.substring(0, key.length() - 1));
            prefixes.add(key);
            int slash = key.lastIndexOf('/');
            if (slash > 0) {
                prefixes.add(key.substring(0, slash + 1));
                prefixes.add(key.substring(0, slash + 2));
            }
        }
        for (String prefix : prefixes) {
            List<String> expected = keys.stream().filter(k -> k.startsWith(prefix)).toList();
            Listings.assertListsExactly(expected, Listings.keys(store, prefix), "keys(\"" + prefix + "\")");
        }
    }

    /**
     * The longest valid keys (250 characters) of each character class (upper case, lower case,
     * digits, punctuation, all of them mixed), alone, as a long segment under a folder, and as two
     * long segments: the keys a store that encodes names for its medium finds hardest to fit.
     */
    private static List<String> longKeys() {
        StringBuilder punctuation = new StringBuilder();
        StringBuilder mixed = new StringBuilder();
        for (char c = 0x21; c <= 0x7E; c++) {
            if (c != '/') {
                mixed.append(c);
                if (!Character.isLetterOrDigit(c)) {
                    punctuation.append(c);
                }
            }
        }
        List<String> classes = List.of("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz", "0123456789", punctuation.toString(),
                mixed.toString());
        List<String> keys = new ArrayList<>();
        for (String alphabet : classes) {
            keys.add(cycle(alphabet, 0, 250));
            keys.add("seg/" + cycle(alphabet, 1, 246));
            keys.add(cycle(alphabet, 2, 124) + "/" + cycle(alphabet, 3, 125));
        }
        return keys;
    }

    private static String cycle(String alphabet, int start, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt((start + i) % alphabet.length()));
        }
        return text.toString();
    }

    @Test
    default void aKeyAndItsChildrenCoexist(KeyValueStore store) {
        store.put("a", bytes("parent"));
        store.put("a/b", bytes("child"));
        store.put("a/b/c", bytes("grandchild"));
        assertArrayEquals(bytes("parent"), store.get("a"), "get(\"a\") next to a/b and a/b/c");
        assertArrayEquals(bytes("child"), store.get("a/b"), "get(\"a/b\") next to a and a/b/c");
        assertArrayEquals(bytes("grandchild"), store.get("a/b/c"), "get(\"a/b/c\") next to a and a/b");
        store.delete("a/b");
        assertArrayEquals(bytes("parent"), store.get("a"), "get(\"a\") after deleting its child a/b");
        assertArrayEquals(bytes("grandchild"), store.get("a/b/c"), "get(\"a/b/c\") after deleting its parent key a/b");
        Listings.assertListsExactly(List.of("a", "a/b/c"), Listings.keys(store, ""), "keys(\"\") after deleting a/b");
    }

    @Test
    default void childWrittenBeforeParentCoexists(KeyValueStore store) {
        store.put("x/y", bytes("child"));
        store.put("x", bytes("parent"));
        assertArrayEquals(bytes("child"), store.get("x/y"), "get(\"x/y\") after its parent key x was written");
        assertArrayEquals(bytes("parent"), store.get("x"), "get(\"x\") written after its child x/y");
    }

    @Test
    default void keysBuiltToEscapeTheNamespaceStayInside(KeyValueStore store) {
        List<String> escapes = List.of("..%2F..%2Fetc%2Fpasswd", "%2E%2E/%2E%2E/x", "..\\..\\x", "a/..\\..\\b", "~/.ssh", "$(touch${IFS}x)", "C:\\x",
                "%2F%2Fserver", "..;", ".../x");
        for (String key : escapes) {
            store.put(key, bytes(key));
        }
        Listings.assertListsExactly(escapes, Listings.keys(store, ""), "keys(\"\") of keys built to escape the namespace");
        for (String key : escapes) {
            assertArrayEquals(bytes(key), store.get(key), "get() of key " + key);
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
                k -> store.size(k), k -> store.stat(k), k -> store.put(k, bytes("x")),
                k -> store.put(k, new java.io.ByteArrayInputStream(bytes("x"))),
                k -> store.delete(k), k -> store.copy("valid", k), k -> store.copy(k, "valid"), k -> store.move("valid", k),
                k -> store.move(k, "valid"), k -> store.getAll(List.of("valid", k == null ? "a b" : k)),
                k -> store.deleteAll(List.of("valid", k == null ? "a b" : k)), k -> store.copyTo(k, java.io.OutputStream.nullOutputStream()));
        for (String key : invalid) {
            for (Consumer<String> operation : operations) {
                InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> operation.accept(key),
                        "operation " + operations.indexOf(operation) + " with invalid key " + key + " throws InvalidKeyException");
                assertTrue(e instanceof IllegalArgumentException, "InvalidKeyException is an IllegalArgumentException");
                if (key != null && !key.isEmpty() && key.length() <= 250 && key.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                    assertTrue(e.getMessage().contains(key), "the message names the key: " + e.getMessage());
                }
            }
        }
        assertArrayEquals(bytes("v"), store.get("valid"), "the value of key valid after every operation was refused an invalid key");
        Listings.assertListsExactly(List.of("valid"), Listings.keys(store, ""), "keys(\"\") after every operation was refused an invalid key");
    }

    @Test
    default void invalidPrefixesAreRejected(KeyValueStore store) {
        assertThrows(InvalidKeyException.class, () -> store.keys("a b"), "keys(\"a b\") throws InvalidKeyException");
        assertThrows(InvalidKeyException.class, () -> store.keys(null), "keys(null) throws InvalidKeyException");
        assertThrows(InvalidKeyException.class, () -> store.list("a b"), "list(\"a b\") throws InvalidKeyException");
        assertThrows(InvalidKeyException.class, () -> store.prefixes("ä", "/"), "prefixes(\"ä\", \"/\") throws InvalidKeyException");
        assertThrows(IllegalArgumentException.class, () -> store.prefixes("", ""), "prefixes with an empty delimiter throws IllegalArgumentException");
        assertThrows(IllegalArgumentException.class, () -> store.prefixes("", null), "prefixes with a null delimiter throws IllegalArgumentException");
        assertFalse(store.contains("a"), "contains(\"a\") in a store nothing was written to");
    }
}
