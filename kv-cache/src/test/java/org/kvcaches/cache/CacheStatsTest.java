package org.kvcaches.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CacheStatsTest {
    private static CacheStats hitsAndMisses(long hits, long misses) {
        return new CacheStats(hits, misses, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 27, 26);
    }

    @Test
    void emptyHasNoRequestsAHitRateOfOneAndAMissRateOfZero() {
        assertEquals(0, CacheStats.empty().requestCount());
        assertEquals(1.0, CacheStats.empty().hitRate());
        assertEquals(0.0, CacheStats.empty().missRate());
    }

    @Test
    void ratesAreFractionsOfRequests() {
        CacheStats stats = hitsAndMisses(3, 1);
        assertEquals(4, stats.requestCount());
        assertEquals(0.75, stats.hitRate());
        assertEquals(0.25, stats.missRate());
    }

    @Test
    void plusAddsEveryCountAndMinusUndoesIt() {
        CacheStats a = hitsAndMisses(3, 1);
        CacheStats b = hitsAndMisses(10, 20);
        CacheStats sum = a.plus(b);
        assertEquals(new CacheStats(13, 21, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 42, 44, 46, 48, 50, 54, 26), sum);
        assertEquals(new CacheStats(10, 20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 27, 26), sum.minus(a),
                "minus undoes plus, and the largest stale age stays the maximum");
        assertEquals(0, a.minus(a).hitCount());
    }

    @Test
    void minusNeverGoesBelowZeroAndPlusSaturates() {
        assertEquals(0, CacheStats.empty().minus(hitsAndMisses(3, 1)).missCount());
        CacheStats huge = new CacheStats(Long.MAX_VALUE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals(Long.MAX_VALUE, huge.plus(huge).hitCount());
    }
}
