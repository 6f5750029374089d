package org.kvcaches.cache;

/**
 * A snapshot of a {@link CacheDecorator}'s counters, named as in Caffeine's {@code CacheStats}.
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
 */
public record CacheStats(long hitCount, long missCount, long loadSuccessCount, long loadFailureCount,
                         long coalescedWaitCount, long fillCount, long fillDiscardedCount, long oversizeSkipCount,
                         long cacheReadErrorCount, long cacheFillErrorCount, long cacheInvalidateErrorCount,
                         long corruptEntryCount, long bypassedReadCount) {

    /** @return hits divided by requests, or 1 when there were none */
    public double hitRate() {
        long requests = hitCount + missCount;
        return requests == 0 ? 1.0 : (double) hitCount / requests;
    }
}
