package org.kvcaches.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeyChooserTest {
    private static final int KEYS = 1000;
    private static final int DRAWS = 1_000_000;

    private static long[] histogram(KeyChooser chooser) {
        long[] counts = new long[KEYS];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < DRAWS; i++) {
            counts[chooser.next(random)]++;
        }
        return counts;
    }

    @Test
    void zipfianMakesTheHottestKeyTakeItsShareOneOverZeta() {
        long[] counts = histogram(KeyChooser.zipfian(KEYS, 0.99, 42));
        double zeta = 0;
        for (int i = 1; i <= KEYS; i++) {
            zeta += 1 / Math.pow(i, 0.99);
        }
        long hottest = Arrays.stream(counts).max().orElseThrow();

        double share = (double) hottest / DRAWS;
        assertTrue(Math.abs(share - 1 / zeta) < 0.01, "hottest key's share " + share + ", expected " + 1 / zeta);
        long[] sorted = counts.clone();
        Arrays.sort(sorted);
        long top10 = 0;
        for (int i = 0; i < 10; i++) {
            top10 += sorted[KEYS - 1 - i];
        }
        assertTrue(top10 > DRAWS * 0.35, "the 10 hottest keys of 1000 take over a third of the draws: " + top10);
    }

    @Test
    void zipfianSpreadsTheHotKeysOverTheKeySpace() {
        long[] counts = histogram(KeyChooser.zipfian(KEYS, 0.99, 42));
        int hottest = 0;
        for (int i = 1; i < KEYS; i++) {
            if (counts[i] > counts[hottest]) {
                hottest = i;
            }
        }

        assertTrue(hottest != 0, "the permutation moved rank 0 off key 0 (seed 42)");
    }

    @Test
    void uniformGivesEveryKeyAboutTheSameShare() {
        long[] counts = histogram(KeyChooser.uniform(KEYS));

        long expected = DRAWS / KEYS;
        for (long count : counts) {
            assertTrue(Math.abs(count - expected) < expected * 0.2, "count " + count + " vs " + expected);
        }
    }

    @Test
    void aSkewOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> KeyChooser.zipfian(10, 1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> KeyChooser.zipfian(10, 0, 1));
    }
}
