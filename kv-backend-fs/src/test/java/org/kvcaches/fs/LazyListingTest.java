package org.kvcaches.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;

/** {@code file:} lists lazily: the walk reads folders as the stream is consumed, in bounded memory. */
class LazyListingTest {
    private static final int MANY = 200_000;

    @TempDir
    Path root;

    @Test
    @Timeout(600)
    void twoHundredThousandKeysListInAHeapTooSmallToHoldThem() throws Exception {
        // 80-character names: held at once they would take over 30 MB, twice the child's heap.
        String padding = "x".repeat(72);
        for (int i = 0; i < MANY; i++) {
            Files.createFile(root.resolve(String.format("%s%08d", padding, i)));
        }
        String line;
        try (ChildJvm lister = ChildJvm.start(List.of("-Xmx16m", "-XX:+UseSerialGC"), ListingMain.class,
                root.toUri().toString(), Integer.toString(MANY / 2))) {
            line = lister.awaitLine("listed ");
            assertEquals(0, lister.waitFor(), line);
        }
        String[] words = line.split(" ");
        assertEquals(MANY, Long.parseLong(words[1]), line);
        long growth = Long.parseLong(words[5]) - Long.parseLong(words[3]);
        System.out.println("[kv-fs] listing " + MANY + " keys with -Xmx16m: " + line + " (growth " + growth + " bytes)");
        assertTrue(growth < 2 << 20, "the heap grew by " + growth + " bytes half way through the listing: " + line);
    }

    @Test
    void theFirstKeyArrivesBeforeTheWalkReadsTheOtherFolders() throws IOException {
        try (KeyValueStore store = KeyValueStores.open(root.toUri().toString())) {
            for (int d = 0; d < 20; d++) {
                for (int k = 0; k < 5; k++) {
                    store.put(String.format("d%02d/k%d", d, k), new byte[] {(byte) k});
                }
            }
            Path away = Files.createTempDirectory(root.getParent(), "moved-away");
            Set<String> listed = new HashSet<>();
            try (Stream<String> keys = store.keys("")) {
                Iterator<String> it = keys.iterator();
                String first = it.next();
                listed.add(first);
                String firstFolder = first.substring(0, first.indexOf('/'));
                // Once the first key is out, every other folder leaves the store: an eager listing
                // would still return their keys, a lazy one cannot see them any more.
                try (Stream<Path> folders = Files.list(root)) {
                    for (Path folder : (Iterable<Path>) folders::iterator) {
                        if (!folder.getFileName().toString().equals(firstFolder + "~")) {
                            Files.move(folder, away.resolve(folder.getFileName()));
                        }
                    }
                }
                it.forEachRemaining(listed::add);
                Set<String> expected = new HashSet<>();
                for (int k = 0; k < 5; k++) {
                    expected.add(firstFolder + "/k" + k);
                }
                assertEquals(expected, listed);
            }
        }
    }
}
