package org.kvcaches.cache;

/**
 * An immutable snapshot of a {@link CacheDecorator}'s counters, named as in Caffeine's
 * {@code CacheStats}. Snapshots add and subtract ({@link #plus}, {@link #minus}), so the activity of
 * an interval is {@code after.minus(before)}.
 *
 * @param hitCount reads served by the cache (values and cached absences)
 * @param missCount reads the cache could not serve
 * @param loadSuccessCount store reads after a miss that succeeded
 * @param loadFailureCount store reads after a miss that failed (not cached)
 * @param coalescedWaitCount misses that waited for another thread's load of the same key
 * @param fillCount values written into the cache after a load
 * @param fillDiscardedCount fills given up or undone because a write raced with them
 * @param oversizeSkipCount values streamed from the store and not cached because of their size
 * @param cacheReadErrorCount cache reads that failed (served from the store)
 * @param cacheFillErrorCount cache fills that failed (the read still succeeded)
 * @param cacheInvalidateErrorCount invalidations that failed (the key is then not served from the cache)
 * @param corruptEntryCount cache entries that were corrupt, foreign or expired
 * @param bypassedReadCount reads sent to the store because the key or the whole tier was distrusted
 * @param peerInvalidationCount keys dropped from this process's private tier because another
 *     process announced a write of them
 * @param announceErrorCount announcements of this process's writes that failed (then retried)
 * @param linkLossCount times the notification link was lost (the private tier was then flushed and
 *     bypassed until the link was back)
 * @param invalidationRepairedCount failed invalidations and announcements later repaired by a retry
 * @param invalidationDroppedCount failed invalidations that did not fit the retry queue (the tier
 *     was then distrusted for one {@code maxStaleness})
 * @param probedHitCount hits the consistency probe re-read from the authoritative store
 * @param staleHitCount probed hits whose value the authoritative store no longer held, after a grace
 *     period for announcements in flight
 * @param slowCallCount cache tier calls that answered later than the read deadline
 * @param breakerOpenedCount times the tier's circuit breaker opened
 * @param breakerClosedCount times it closed again after a successful probe
 * @param breakerSkipCount cache tier calls skipped because the breaker was open
 * @param leaseWaitCount misses that found another process's lease and waited for its fill
 * @param leaseWaitHitCount waits that ended with the other process's value (no store read)
 * @param leaseWaitTimeoutCount waits that ended without it (the holder died or was slow) and read the store
 * @param deadlineFallbackCount reads of a cache tier that had not answered within the read deadline
 *     and were served from the store instead (the late answer, if any, was dropped)
 * @param maxStaleAgeMillis the age of the oldest entry found stale, 0 when none; a maximum, not a count
 */
public record CacheStats(long hitCount, long missCount, long loadSuccessCount, long loadFailureCount,
                         long coalescedWaitCount, long fillCount, long fillDiscardedCount, long oversizeSkipCount,
                         long cacheReadErrorCount, long cacheFillErrorCount, long cacheInvalidateErrorCount,
                         long corruptEntryCount, long bypassedReadCount, long peerInvalidationCount, long announceErrorCount,
                         long linkLossCount, long invalidationRepairedCount, long invalidationDroppedCount, long probedHitCount,
                         long staleHitCount, long slowCallCount, long breakerOpenedCount, long breakerClosedCount,
                         long breakerSkipCount, long leaseWaitCount, long leaseWaitHitCount, long leaseWaitTimeoutCount,
                         long deadlineFallbackCount, long maxStaleAgeMillis) {
    private static final CacheStats EMPTY = new CacheStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0);

    /** @return a snapshot with every count zero */
    public static CacheStats empty() {
        return EMPTY;
    }

    /** @return hits plus misses */
    public long requestCount() {
        return hitCount + missCount;
    }

    /** @return hits divided by requests, or 1 when there were none */
    public double hitRate() {
        long requests = requestCount();
        return requests == 0 ? 1.0 : (double) hitCount / requests;
    }

    /** @return a line such as "0 stale of 48,213 sampled hits", or "not sampled" when the probe is off */
    public String probeSummary() {
        if (probedHitCount == 0) {
            return "not sampled";
        }
        return String.format(java.util.Locale.ROOT, "%,d stale of %,d sampled hits%s", staleHitCount, probedHitCount,
                staleHitCount == 0 ? "" : " (oldest " + maxStaleAgeMillis + " ms)");
    }

    /** @return misses divided by requests, or 0 when there were none */
    public double missRate() {
        long requests = requestCount();
        return requests == 0 ? 0.0 : (double) missCount / requests;
    }

    /**
     * @param other another snapshot, e.g. of another tier
     * @return the sum of both, count by count
     */
    public CacheStats plus(CacheStats other) {
        return combine(other, 1);
    }

    /**
     * @param earlier an earlier snapshot of the same decorator
     * @return the counts since then, each at least zero ({@code maxStaleAgeMillis} stays the maximum)
     */
    public CacheStats minus(CacheStats earlier) {
        return combine(earlier, -1);
    }

    private CacheStats combine(CacheStats o, int sign) {
        return new CacheStats(c(hitCount, o.hitCount, sign), c(missCount, o.missCount, sign),
                c(loadSuccessCount, o.loadSuccessCount, sign), c(loadFailureCount, o.loadFailureCount, sign),
                c(coalescedWaitCount, o.coalescedWaitCount, sign), c(fillCount, o.fillCount, sign),
                c(fillDiscardedCount, o.fillDiscardedCount, sign), c(oversizeSkipCount, o.oversizeSkipCount, sign),
                c(cacheReadErrorCount, o.cacheReadErrorCount, sign), c(cacheFillErrorCount, o.cacheFillErrorCount, sign),
                c(cacheInvalidateErrorCount, o.cacheInvalidateErrorCount, sign), c(corruptEntryCount, o.corruptEntryCount, sign),
                c(bypassedReadCount, o.bypassedReadCount, sign), c(peerInvalidationCount, o.peerInvalidationCount, sign),
                c(announceErrorCount, o.announceErrorCount, sign), c(linkLossCount, o.linkLossCount, sign),
                c(invalidationRepairedCount, o.invalidationRepairedCount, sign),
                c(invalidationDroppedCount, o.invalidationDroppedCount, sign), c(probedHitCount, o.probedHitCount, sign),
                c(staleHitCount, o.staleHitCount, sign), c(slowCallCount, o.slowCallCount, sign),
                c(breakerOpenedCount, o.breakerOpenedCount, sign), c(breakerClosedCount, o.breakerClosedCount, sign),
                c(breakerSkipCount, o.breakerSkipCount, sign), c(leaseWaitCount, o.leaseWaitCount, sign),
                c(leaseWaitHitCount, o.leaseWaitHitCount, sign), c(leaseWaitTimeoutCount, o.leaseWaitTimeoutCount, sign),
                c(deadlineFallbackCount, o.deadlineFallbackCount, sign), Math.max(maxStaleAgeMillis, o.maxStaleAgeMillis));
    }

    /** Saturates instead of overflowing, and never goes below zero (Caffeine's rule). */
    private static long c(long a, long b, int sign) {
        long result = sign > 0 ? a + b : a - b;
        if (sign > 0 && ((a ^ result) & (b ^ result)) < 0) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, result);
    }
}
