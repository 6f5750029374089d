package org.kvcaches.cache;

import java.time.Duration;

/**
 * The fill guard over an {@link InProcessCache}: the store checks the key's write stamp and writes
 * the entry under the key's lock, for every decorator over it, so a fill that lost to a write is never
 * visible, not even briefly.
 */
final class ArbitratedFillGuard implements FillGuard {
    private final InProcessCache cache;

    ArbitratedFillGuard(InProcessCache cache) {
        this.cache = cache;
    }

    @Override
    public Ticket begin(String key) {
        return new Ticket(cache.writeStamp(key), null);
    }

    @Override
    public boolean fill(String key, Ticket ticket, byte[] entry, Duration ttl) {
        return cache.fillIfUnchanged(key, entry, ttl, ticket.stamp());
    }

    @Override
    public void abandon(String key, Ticket ticket) {
        // Nothing was reserved in the cache.
    }

    @Override
    public void writeStarted(String key) {
        cache.recordWrite(key);
    }

    @Override
    public void writeEnded(String key) {
        cache.recordWrite(key);
    }

    @Override
    public CacheDecorator.Consistency consistency() {
        return CacheDecorator.Consistency.ARBITRATED;
    }
}
