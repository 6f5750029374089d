package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kvcaches.tck.TestValues.bytes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.KeyValueStore;

/** {@code keys(prefix)}: every key exactly once, filtered by prefix, across page boundaries. */
public interface ListingContract extends StoreContract {

    private static List<String> list(KeyValueStore store, String prefix) {
        try (Stream<String> keys = store.keys(prefix)) {
            return keys.collect(Collectors.toList());
        }
    }

    @Test
    default void emptyStoreListsNothing(KeyValueStore store) {
        assertEquals(List.of(), list(store, ""));
        assertEquals(List.of(), list(store, "a"));
    }

    @Test
    default void keysListsEveryKeyOnce(KeyValueStore store) {
        store.put("short_key", bytes("1"));
        store.put("key_number_2", bytes("2"));
        List<String> keys = list(store, "");
        assertEquals(2, keys.size());
        assertEquals(Set.of("short_key", "key_number_2"), new HashSet<>(keys));
    }

    @Test
    default void keysWithPrefixFiltersByStringPrefix(KeyValueStore store) {
        for (String k : List.of("a", "a/1", "a/2/x", "ab", "abc/d", "b", "b/a")) {
            store.put(k, bytes(k));
        }
        assertEquals(Set.of("a", "a/1", "a/2/x", "ab", "abc/d"), new HashSet<>(list(store, "a")));
        assertEquals(Set.of("a/1", "a/2/x"), new HashSet<>(list(store, "a/")));
        assertEquals(Set.of("ab", "abc/d"), new HashSet<>(list(store, "ab")));
        assertEquals(Set.of("a/2/x"), new HashSet<>(list(store, "a/2")));
        assertEquals(Set.of(), new HashSet<>(list(store, "foo")));
        assertEquals(Set.of("b/a"), new HashSet<>(list(store, "b/")));
    }

    @Test
    default void prefixWithGlobAndEscapeCharactersIsLiteral(KeyValueStore store) {
        for (String k : List.of("*", "*a", "a*", "?x", "[ab]", "a", "b", "\\", "\\*", "%", "%2F", "_x", "ax")) {
            store.put(k, bytes(k));
        }
        assertEquals(Set.of("*", "*a"), new HashSet<>(list(store, "*")));
        assertEquals(Set.of("?x"), new HashSet<>(list(store, "?")));
        assertEquals(Set.of("[ab]"), new HashSet<>(list(store, "[")));
        assertEquals(Set.of("[ab]"), new HashSet<>(list(store, "[ab]")));
        assertEquals(Set.of("\\", "\\*"), new HashSet<>(list(store, "\\")));
        assertEquals(Set.of("%", "%2F"), new HashSet<>(list(store, "%")));
        assertEquals(Set.of("_x"), new HashSet<>(list(store, "_")));
    }

    @Test
    default void listingCrossesPageBoundaries(KeyValueStore store, StoreFixture fixture) {
        int page = fixture.listingPageSize() > 0 ? fixture.listingPageSize() : 100;
        int[] counts = {page - 1, page, page + 1};
        int written = 0;
        for (int c = 0; c < counts.length; c++) {
            for (int i = 0; i < counts[c]; i++) {
                store.put("p" + c + "/" + i, bytes(Integer.toString(i)));
                written++;
            }
        }
        for (int c = 0; c < counts.length; c++) {
            List<String> keys = list(store, "p" + c + "/");
            assertEquals(counts[c], keys.size(), "keys under p" + c + "/ (page size " + page + ")");
            assertEquals(counts[c], new HashSet<>(keys).size(), "no key listed twice under p" + c + "/");
        }
        List<String> all = list(store, "");
        assertEquals(written, all.size());
        assertEquals(written, new HashSet<>(all).size());
    }

    @Test
    default void keysPresentThroughoutAListingAreListedExactlyOnceWhileOthersComeAndGo(KeyValueStore store, StoreFixture fixture) {
        int page = fixture.listingPageSize() > 0 ? fixture.listingPageSize() : 100;
        int stable = Math.min(2 * page + 1, 2001);
        int churn = Math.min(2 * page, 2000);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < stable; i++) {
            expected.add("list/stable/" + i);
            store.put("list/stable/" + i, bytes("v"));
        }
        for (int i = 0; i < churn; i++) {
            store.put("list/churn/" + i, bytes("v"));
        }
        // Between the elements the listing hands out, keys that sort before the stable ones are
        // deleted (two at a time, until all are gone) and new ones are added, so a listing that pages
        // by position skips or repeats stable keys. At most stable + 2 * churn keys ever exist, so a
        // longer listing is one that never ends.
        int limit = stable + 2 * churn;
        List<String> listed = new ArrayList<>();
        int deleted = 0;
        try (Stream<String> keys = store.keys("list/")) {
            Iterator<String> it = keys.iterator();
            for (int n = 0; it.hasNext(); n++) {
                listed.add(it.next());
                assertTrue(listed.size() <= limit, "the listing handed out more than the " + limit + " keys that ever existed");
                for (int d = 0; d < 2 && deleted < churn; d++) {
                    store.delete("list/churn/" + deleted++);
                }
                if (n < churn) {
                    store.put("list/churn/new" + n, bytes("v"));
                }
            }
        }
        assertEquals(listed.size(), new HashSet<>(listed).size(), "a key was listed twice");
        Set<String> missing = new HashSet<>(expected);
        listed.forEach(missing::remove);
        assertTrue(missing.isEmpty(), missing.size() + " keys present throughout the listing were not listed, e.g. "
                + missing.stream().limit(5).toList());
    }

    @Test
    default void listingIsLazy(KeyValueStore store) {
        for (int i = 0; i < 50; i++) {
            store.put("lazy/" + i, bytes("v"));
        }
        try (Stream<String> keys = store.keys("lazy/")) {
            assertEquals(3, keys.limit(3).count());
        }
    }

    @Test
    default void deletedKeysAreNotListed(KeyValueStore store) {
        store.put("a", bytes("1"));
        store.put("a/b", bytes("2"));
        store.delete("a/b");
        assertEquals(List.of("a"), list(store, ""));
        store.delete("a");
        assertTrue(list(store, "").isEmpty());
    }
}
