package org.kvcaches.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;

/**
 * Every valid key fits a file system's 255-byte names: the longest keys of each character class
 * round-trip and list exactly once, on {@code file:} and on {@code ram:}.
 */
class LongKeysTest {
    private static final String PUNCTUATION = "!\"#$%&'()*+,-.:;<=>?@[\\]^_`{|}~";

    @TempDir
    Path dir;

    private KeyValueStore open(String scheme) {
        return scheme.equals("file")
                ? KeyValueStores.open(dir.resolve("store").toUri().toString())
                : KeyValueStores.open("ram:///long-keys/" + System.nanoTime());
    }

    private static String cycle(String alphabet, int length) {
        StringBuilder key = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            key.append(alphabet.charAt(i % alphabet.length()));
        }
        return key.toString();
    }

    /** The longest keys of each class, and segments whose encoding ends near a cut. */
    private static Map<String, String> longestKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("upper case", "A".repeat(250));
        keys.put("lower case", "z".repeat(250));
        keys.put("digits", cycle("0123456789", 250));
        keys.put("punctuation", cycle(PUNCTUATION, 250));
        Random random = new Random(7);
        StringBuilder mixed = new StringBuilder();
        while (mixed.length() < 250) {
            char c = (char) (0x21 + random.nextInt(0x7E - 0x21 + 1));
            if (c != '/') {
                mixed.append(c);
            }
        }
        keys.put("mixed", mixed.toString());
        // Encoded lengths 252..257 and 504..509 around the cuts, with an escape straddling each cut.
        for (int plain = 0; plain < 6; plain++) {
            keys.put("84 escapes + " + plain, "Q".repeat(84) + "q".repeat(plain));
            if (plain > 0) {
                keys.put(plain + " + 84 escapes", "q".repeat(plain) + "Q".repeat(84));
            }
            keys.put(plain + " + 168 escapes", "q".repeat(plain) + "Q".repeat(168));
        }
        keys.put("long segments under a prefix", "Dir/" + "E".repeat(120) + "/" + "F".repeat(124));
        keys.put("a device name after a cut", "Q".repeat(84) + "q" + "con.txt");
        keys.put("a trailing dot at the end", "Q".repeat(100) + ".");
        return keys;
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "ram"})
    void theLongestKeysOfEveryClassRoundTripAndListOnce(String scheme) {
        Map<String, String> keys = longestKeys();
        try (KeyValueStore store = open(scheme)) {
            keys.forEach((what, key) -> store.put(key, what.getBytes(UTF_8)));
            keys.forEach((what, key) -> assertArrayEquals(what.getBytes(UTF_8), store.get(key), what));
            List<String> listed;
            try (Stream<String> all = store.keys("")) {
                listed = all.collect(Collectors.toList());
            }
            assertEquals(keys.size(), listed.size(), "each key once: " + listed);
            assertEquals(new HashSet<>(keys.values()), new HashSet<>(listed));
            keys.values().forEach(store::delete);
            try (Stream<String> all = store.keys("")) {
                assertEquals(0, all.count());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "ram"})
    void prefixesCutAnywhereInALongSegmentFindItsKeys(String scheme) {
        String segment = cycle("AbC!", 240); // encodes to 540 characters: three parts
        List<String> keys = List.of("p/" + segment, "p/" + segment + "/child", "p/" + segment.substring(0, 239) + "X", "p/short");
        try (KeyValueStore store = open(scheme)) {
            keys.forEach(key -> store.put(key, key.getBytes(UTF_8)));
            for (int cut : new int[] {0, 1, 50, 84, 85, 86, 170, 239, 240}) {
                String prefix = "p/" + segment.substring(0, cut);
                Set<String> expected = keys.stream().filter(k -> k.startsWith(prefix)).collect(Collectors.toSet());
                try (Stream<String> found = store.keys(prefix)) {
                    List<String> list = found.collect(Collectors.toList());
                    assertEquals(expected, new HashSet<>(list), "prefix cut at " + cut);
                    assertEquals(expected.size(), list.size(), "no key twice under a prefix cut at " + cut);
                }
            }
            try (Stream<String> level = store.prefixes("p/", "/")) {
                assertEquals(Set.of("p/" + segment, "p/" + segment + "/", "p/" + segment.substring(0, 239) + "X", "p/short"),
                        level.collect(Collectors.toSet()));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"file", "ram"})
    void aLongKeyAndItsChildrenCoexist(String scheme) {
        String parent = "R".repeat(200);
        try (KeyValueStore store = open(scheme)) {
            store.put(parent, "parent".getBytes(UTF_8));
            store.put(parent + "/b", "child".getBytes(UTF_8));
            assertArrayEquals("parent".getBytes(UTF_8), store.get(parent));
            assertArrayEquals("child".getBytes(UTF_8), store.get(parent + "/b"));
            store.delete(parent);
            try (Stream<String> all = store.keys("")) {
                assertEquals(List.of(parent + "/b"), all.collect(Collectors.toList()));
            }
        }
    }

    @Test
    void everyNameOnDiskFitsAndDeletingTheKeysLeavesNoFolder() throws IOException {
        Path root = dir.resolve("store");
        try (KeyValueStore store = open("file")) {
            longestKeys().values().forEach(key -> store.put(key, new byte[0]));
            try (Stream<Path> files = Files.walk(root)) {
                List<Path> all = files.collect(Collectors.toList());
                for (Path p : all) {
                    int bytes = p.getFileName().toString().getBytes(UTF_8).length;
                    assertTrue(bytes <= 255, p + " has a " + bytes + "-byte name");
                }
            }
            longestKeys().values().forEach(store::delete);
        }
        try (Stream<Path> left = Files.list(root)) {
            assertEquals(List.of(), left.collect(Collectors.toList()));
        }
    }

    @Test
    void foreignNamesInsideALongSegmentsFoldersAreNotKeys() throws IOException {
        String key = "S".repeat(100);
        try (KeyValueStore store = open("file")) {
            store.put(key, new byte[] {1});
            Path chain = dir.resolve("store").resolve(KeyEncoding.valuePath(key)).getParent();
            Files.createFile(chain.resolve("not-continued"));
            Files.createFile(chain.resolve("+%73")); // an escaped plain letter: not what the encoding makes
            Files.createFile(chain.resolve("+%53~")); // a file named like a folder
            List<String> listed;
            try (Stream<String> all = store.keys("")) {
                listed = all.collect(Collectors.toList());
            }
            assertEquals(List.of(key), listed);
        }
    }

    @Test
    void cutsNeverSplitAnEscapeAndJoinBackToTheEncoding() {
        for (int plain = 0; plain < 4; plain++) {
            String segment = "q".repeat(plain) + "Q".repeat(249 - plain);
            String encoded = KeyEncoding.encode(segment);
            List<String> parts = KeyEncoding.parts(encoded);
            assertEquals(encoded, String.join("", parts));
            for (String part : parts) {
                assertTrue(part.length() <= KeyEncoding.MAX_PART, part);
                assertTrue(KeyEncoding.unescape(part) != null, "an escape was cut: " + part);
            }
            assertEquals(segment, KeyEncoding.decodeParts(parts));
            assertEquals(null, KeyEncoding.decodeParts(List.of(encoded)), "one over-long name is not a key");
        }
    }
}
