package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kvcaches.tck.TestValues.bytes;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.KeyValueStore;

/** {@code prefixes(prefix, delimiter)}: one hierarchy level, like S3's delimiter listing. */
public interface PrefixesContract extends StoreContract {

    private static List<String> prefixes(KeyValueStore store, String prefix, String delimiter) {
        return Listings.prefixes(store, prefix, delimiter);
    }

    private static void assertLevel(Set<String> expected, KeyValueStore store, String prefix, String delimiter) {
        Listings.assertListsExactly(expected, prefixes(store, prefix, delimiter), "prefixes(\"" + prefix + "\", \"" + delimiter + "\")");
    }

    @Test
    default void slashPrefixesGiveFoldersAndKeys(KeyValueStore store) {
        for (String k : List.of("a/1", "a/2", "b", "c/d/e", "c/f")) {
            store.put(k, bytes(k));
        }
        assertLevel(Set.of("a/", "b", "c/"), store, "", "/");
        assertLevel(Set.of("c/d/", "c/f"), store, "c/", "/");
        assertLevel(Set.of("c/d/e"), store, "c/d/", "/");
        assertLevel(Set.of(), store, "zzz", "/");
    }

    @Test
    default void aKeyAndAFolderOfTheSameNameAreBothListed(KeyValueStore store) {
        store.put("a", bytes("1"));
        store.put("a/b", bytes("2"));
        assertLevel(Set.of("a", "a/"), store, "", "/");
    }

    @Test
    default void partialPrefixSplitsAtTheNextDelimiter(KeyValueStore store) {
        for (String k : List.of("ab/1", "ab/2/3", "abc", "ax/y", "b/c")) {
            store.put(k, bytes(k));
        }
        assertLevel(Set.of("ab/", "abc"), store, "ab", "/");
        assertLevel(Set.of("ab/", "abc", "ax/"), store, "a", "/");
    }

    @Test
    default void otherDelimitersWork(KeyValueStore store) {
        for (String k : List.of("X", "a1Xb1", "a2X", "a2Xb1", "a3", "a4Xb1Xc1", "a4Xb1Xc2", "a4Xb2Xc1", "a4Xb3")) {
            store.put(k, bytes(k));
        }
        assertLevel(Set.of("X", "a1X", "a2X", "a3", "a4X"), store, "", "X");
        assertLevel(Set.of("a4Xb1X", "a4Xb2X", "a4Xb3"), store, "a4X", "X");
        assertLevel(Set.of(), store, "foo", "X");
    }

    @Test
    default void multiCharacterDelimiterWorks(KeyValueStore store) {
        for (String k : List.of("a::b::c", "a::d", "a:e", "f")) {
            store.put(k, bytes(k));
        }
        assertLevel(Set.of("a::", "a:e", "f"), store, "", "::");
        assertLevel(Set.of("a::b::", "a::d"), store, "a::", "::");
    }

    @Test
    default void nestedDelimitersAcrossManyFolders(KeyValueStore store) {
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 3; j++) {
                store.put("root/d" + i + "/sub" + j + "/leaf", bytes("v"));
            }
            store.put("root/f" + i, bytes("v"));
        }
        List<String> level = prefixes(store, "root/", "/");
        assertEquals(24, level.size(), "12 folders and 12 keys, each once: " + level);
        assertLevel(Set.of("root/d3/sub0/", "root/d3/sub1/", "root/d3/sub2/"), store, "root/d3/", "/");
    }
}
