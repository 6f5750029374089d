package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.kvcaches.api.KeyValueStore;

/**
 * Listings read in full and compared as multisets: a key listed twice is as wrong as a key missing,
 * and the message names both kinds.
 */
final class Listings {
    private Listings() {
    }

    /** @return every key {@code keys(prefix)} hands out, in its order, duplicates kept */
    static List<String> keys(KeyValueStore store, String prefix) {
        try (Stream<String> keys = store.keys(prefix)) {
            return keys.collect(Collectors.toList());
        }
    }

    /** @return every entry {@code prefixes(prefix, delimiter)} hands out, duplicates kept */
    static List<String> prefixes(KeyValueStore store, String prefix, String delimiter) {
        try (Stream<String> entries = store.prefixes(prefix, delimiter)) {
            return entries.collect(Collectors.toList());
        }
    }

    /**
     * Fails unless {@code listed} holds each expected entry exactly once and nothing else.
     *
     * @param what what was listed, for the message (e.g. {@code "keys(\"a/\")"})
     */
    static void assertListsExactly(Collection<String> expected, List<String> listed, String what) {
        Map<String, Long> counts = listed.stream().collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        Set<String> wanted = new HashSet<>(expected);
        List<String> twice = new ArrayList<>();
        counts.forEach((entry, count) -> {
            if (count > 1) {
                twice.add(entry + " (" + count + " times)");
            }
        });
        List<String> missing = wanted.stream().filter(e -> !counts.containsKey(e)).sorted().toList();
        List<String> extra = counts.keySet().stream().filter(e -> !wanted.contains(e)).toList();
        if (twice.isEmpty() && missing.isEmpty() && extra.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder(what + " handed out " + listed.size() + " entries for " + wanted.size() + " expected");
        describe(message, "listed more than once", twice);
        describe(message, "missing", missing);
        describe(message, "not expected", extra);
        fail(message.toString());
    }

    private static void describe(StringBuilder message, String kind, List<String> entries) {
        if (!entries.isEmpty()) {
            message.append("; ").append(kind).append(" (").append(entries.size()).append("): ")
                    .append(entries.stream().limit(5).map(e -> "'" + e + "'").collect(Collectors.joining(", ")))
                    .append(entries.size() > 5 ? ", ..." : "");
        }
    }
}
