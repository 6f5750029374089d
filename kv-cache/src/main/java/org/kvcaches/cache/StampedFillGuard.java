package org.kvcaches.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import org.kvcaches.api.KeyValueStore;

/**
 * The fill guard of a decorator whose cache store cannot take leases: writes bump a per-key-stripe
 * stamp, and a fill re-checks the stamp after writing and deletes its entry if a write came in
 * between. It protects against this process's writes only; another process's racing fill is bounded
 * by the entry's age ({@code entryTtl}).
 */
class StampedFillGuard implements FillGuard {
    /** Stripes of write stamps; a collision only costs a needless discarded fill. */
    static final int STRIPES = 4096;

    private final AtomicLongArray stamps = new AtomicLongArray(STRIPES);
    private final boolean cacheHasTtl;
    /** The cache store as the decorator calls it. */
    final KeyValueStore cache;

    StampedFillGuard(KeyValueStore cache, boolean cacheHasTtl) {
        this.cache = cache;
        this.cacheHasTtl = cacheHasTtl;
    }

    static int stripe(String key) {
        return Math.floorMod(key.hashCode(), STRIPES);
    }

    final long stamp(String key) {
        return stamps.get(stripe(key));
    }

    @Override
    public Ticket begin(String key) {
        return new Ticket(stamp(key), null);
    }

    @Override
    public boolean fill(String key, Ticket ticket, byte[] entry, Duration ttl) {
        if (ttl != null && cacheHasTtl) {
            cache.put(key, entry, ttl);
        } else {
            cache.put(key, entry);
        }
        return keptUnlessRaced(key, ticket);
    }

    /** Undoes a fill that a write overtook; the write's own invalidation may have run before the fill. */
    final boolean keptUnlessRaced(String key, Ticket ticket) {
        if (stamp(key) == ticket.stamp()) {
            return true;
        }
        cache.delete(key);
        return false;
    }

    @Override
    public void abandon(String key, Ticket ticket) {
        // Nothing was reserved in the cache.
    }

    @Override
    public final void writeStarted(String key) {
        stamps.incrementAndGet(stripe(key));
    }

    @Override
    public final void writeEnded(String key) {
        stamps.incrementAndGet(stripe(key));
    }

    @Override
    public CacheDecorator.Consistency consistency() {
        return CacheDecorator.Consistency.AGE_BOUNDED;
    }
}
