package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kvcaches.tck.TestValues.bytes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.KeyValueStore;

/**
 * {@code keys(prefix)}: every key exactly once (listings are compared as multisets), filtered by prefix,
 * across page boundaries, read lazily page by page.
 */
public interface ListingContract extends StoreContract {
    /** How many keys a store that does not page ({@link StoreFixture#listingPageSize()} 0) may read ahead of the consumer. */
    int UNPAGED_READ_AHEAD = 1000;

    private static List<String> list(KeyValueStore store, String prefix) {
        return Listings.keys(store, prefix);
    }

    private static void assertListed(KeyValueStore store, String prefix, Collection<String> expected) {
        Listings.assertListsExactly(expected, list(store, prefix), "keys(\"" + prefix + "\")");
    }

    @Test
    default void emptyStoreListsNothing(KeyValueStore store) {
        assertListed(store, "", List.of());
        assertListed(store, "a", List.of());
    }

    @Test
    default void keysListsEveryKeyOnce(KeyValueStore store) {
        store.put("short_key", bytes("1"));
        store.put("key_number_2", bytes("2"));
        assertListed(store, "", List.of("short_key", "key_number_2"));
    }

    @Test
    default void keysWithPrefixFiltersByStringPrefix(KeyValueStore store) {
        for (String k : List.of("a", "a/1", "a/2/x", "ab", "abc/d", "b", "b/a")) {
            store.put(k, bytes(k));
        }
        assertListed(store, "a", List.of("a", "a/1", "a/2/x", "ab", "abc/d"));
        assertListed(store, "a/", List.of("a/1", "a/2/x"));
        assertListed(store, "ab", List.of("ab", "abc/d"));
        assertListed(store, "a/2", List.of("a/2/x"));
        assertListed(store, "foo", List.of());
        assertListed(store, "b/", List.of("b/a"));
    }

    @Test
    default void aPrefixThatIsAlsoAKeyListsThatKeyOnce(KeyValueStore store) {
        for (String k : List.of("dup", "dup/a", "dupe", "du")) {
            store.put(k, bytes(k));
        }
        assertListed(store, "dup", List.of("dup", "dup/a", "dupe"));
        assertListed(store, "dup/a", List.of("dup/a"));
        assertListed(store, "du", List.of("du", "dup", "dup/a", "dupe"));
    }

    @Test
    default void prefixWithGlobAndEscapeCharactersIsLiteral(KeyValueStore store) {
        for (String k : List.of("*", "*a", "a*", "?x", "[ab]", "a", "b", "\\", "\\*", "%", "%2F", "_x", "ax")) {
            store.put(k, bytes(k));
        }
        assertListed(store, "*", List.of("*", "*a"));
        assertListed(store, "?", List.of("?x"));
        assertListed(store, "[", List.of("[ab]"));
        assertListed(store, "[ab]", List.of("[ab]"));
        assertListed(store, "\\", List.of("\\", "\\*"));
        assertListed(store, "%", List.of("%", "%2F"));
        assertListed(store, "_", List.of("_x"));
    }

    @Test
    default void listingCrossesPageBoundaries(KeyValueStore store, StoreFixture fixture) {
        int page = fixture.listingPageSize() > 0 ? fixture.listingPageSize() : 100;
        int[] counts = {page - 1, page, page + 1};
        List<String> written = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            for (int i = 0; i < counts[c]; i++) {
                store.put("p" + c + "/" + i, bytes(Integer.toString(i)));
                written.add("p" + c + "/" + i);
            }
        }
        for (int c = 0; c < counts.length; c++) {
            String prefix = "p" + c + "/";
            assertListed(store, prefix, written.stream().filter(k -> k.startsWith(prefix)).toList());
        }
        assertListed(store, "", written);
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
        List<String> stableListed = listed.stream().filter(expected::contains).toList();
        Listings.assertListsExactly(expected, stableListed, "keys(\"list/\"), for the keys present throughout it,");
        Listings.assertListsExactly(new HashSet<>(listed), listed, "keys(\"list/\") while others came and went");
    }

    @Test
    default void listingReadsAboutAPageAheadNotEverything(KeyValueStore store, StoreFixture fixture) {
        int page = fixture.listingPageSize() > 0 ? fixture.listingPageSize() : UNPAGED_READ_AHEAD;
        // Two folders of a page and one key each: a store that reads a folder at a time reads ahead
        // at most a folder, one that reads everything first hands out 2 * page + 1 deleted keys.
        List<String> written = new ArrayList<>();
        for (int folder = 0; folder < 2; folder++) {
            for (int i = 0; i <= page; i++) {
                String key = "lazy/" + folder + "/" + i;
                store.put(key, bytes("v"));
                written.add(key);
            }
        }
        int handedOut = 0;
        try (Stream<String> keys = store.keys("lazy/")) {
            Iterator<String> it = keys.iterator();
            String first = it.next();
            store.deleteAll(written.stream().filter(k -> !k.equals(first)).toList());
            for (; it.hasNext(); it.next()) {
                handedOut++;
            }
        }
        assertTrue(handedOut <= 2 * page, "after handing out its first key, the listing handed out " + handedOut + " of the "
                + (written.size() - 1) + " keys deleted before it reached them: it read ahead more than two pages of " + page
                + " keys (or the whole listing) before handing out the first; a listing must be lazy, paged underneath");
    }

    @Test
    default void deletedKeysAreNotListed(KeyValueStore store) {
        store.put("a", bytes("1"));
        store.put("a/b", bytes("2"));
        store.delete("a/b");
        assertListed(store, "", List.of("a"));
        store.delete("a");
        assertListed(store, "", List.of());
    }
}
