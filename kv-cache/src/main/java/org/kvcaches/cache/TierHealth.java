package org.kvcaches.cache;

import java.time.Duration;
import org.kvcaches.api.KeyValueStore;

/**
 * Whether a cache tier may be trusted, key by key. A key whose invalidation failed may still hold its
 * old value there: it is not served from the tier, and its delete is retried in the background
 * ({@link RetryQueue}) until it succeeds. When more than {@code maxSuspects} keys are pending, a key
 * that does not fit cannot be remembered: the whole tier is then distrusted by this process for one
 * {@code maxStaleness}, after which every entry that could hold such a value has expired. Recovery
 * never lists or clears the tier: a chain only deletes the keys it wrote.
 */
final class TierHealth implements AutoCloseable {
    private final KeyValueStore cache;
    private final Duration maxStaleness;
    private final StatsCounter stats;
    private final RetryQueue repairs;
    private volatile long distrustedUntilNanos;
    private volatile boolean distrusted;

    TierHealth(KeyValueStore cache, int maxSuspects, Duration maxStaleness, StatsCounter stats) {
        this.cache = cache;
        this.maxStaleness = maxStaleness;
        this.stats = stats;
        this.repairs = new RetryQueue("invalidations of " + cache, maxSuspects, cache::deleteAll,
                n -> stats.add(StatsCounter.Event.INVALIDATION_REPAIRED, n));
    }

    /**
     * @param key a key about to be read
     * @return whether the cache may serve it; a suspect key is first deleted from the cache, and
     *     stays a suspect while that fails
     */
    boolean admits(String key) {
        if (distrusted) {
            if (System.nanoTime() - distrustedUntilNanos < 0) {
                return false;
            }
            distrusted = false;
        }
        long mark = repairs.mark(key);
        if (mark != 0) {
            try {
                cache.delete(key);
                repairs.done(key, mark);
            } catch (RuntimeException e) {
                return false;
            }
            // A write whose invalidation failed while this delete ran made the key a suspect again.
            return repairs.mark(key) == 0;
        }
        return true;
    }

    /**
     * @param key a key about to be invalidated
     * @return the mark to pass to {@link #invalidated} when that invalidation succeeds
     */
    long beforeInvalidation(String key) {
        return repairs.mark(key);
    }

    /**
     * @param key a key whose invalidation succeeded
     * @param mark what {@link #beforeInvalidation} returned before it started
     */
    void invalidated(String key, long mark) {
        repairs.done(key, mark);
    }

    /** @param key a key whose invalidation failed: the cache may still hold its old value */
    void invalidationFailed(String key) {
        if (!repairs.add(key)) {
            stats.record(StatsCounter.Event.INVALIDATION_DROPPED);
            distrustedUntilNanos = System.nanoTime() + maxStaleness.toNanos();
            distrusted = true;
        }
    }

    /** @return keys whose invalidation is still being retried */
    int pendingRepairs() {
        return repairs.size();
    }

    @Override
    public void close() {
        repairs.close();
    }
}
