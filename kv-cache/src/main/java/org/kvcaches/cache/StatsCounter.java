package org.kvcaches.cache;

import java.util.concurrent.atomic.LongAdder;

/**
 * Records what a {@link CacheDecorator} does, one striped counter per {@link Event}, and takes
 * {@link CacheStats} snapshots of them (Caffeine's split: the cache does not own its counters'
 * arithmetic, the snapshot is an immutable value). A new event is one constant here and one field of
 * {@link CacheStats}.
 */
final class StatsCounter {
    /** Everything a decorator counts. */
    enum Event {
        HIT, MISS, LOAD_SUCCESS, LOAD_FAILURE, COALESCED_WAIT, FILL, FILL_DISCARDED, OVERSIZE_SKIP, CACHE_READ_ERROR,
        CACHE_FILL_ERROR, CACHE_INVALIDATE_ERROR, CORRUPT_ENTRY, BYPASSED_READ, PEER_INVALIDATION, ANNOUNCE_ERROR, LINK_LOSS,
        INVALIDATION_REPAIRED, INVALIDATION_DROPPED, PROBED_HIT, STALE_HIT, SLOW_CALL, BREAKER_OPENED, BREAKER_CLOSED, BREAKER_SKIP, LEASE_WAIT,
        LEASE_WAIT_HIT, LEASE_WAIT_TIMEOUT, DEADLINE_FALLBACK
    }

    private static final Event[] EVENTS = Event.values();

    private final LongAdder[] counts = new LongAdder[EVENTS.length];
    private final java.util.concurrent.atomic.AtomicLong maxStaleAgeMillis = new java.util.concurrent.atomic.AtomicLong();

    StatsCounter() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void record(Event event) {
        counts[event.ordinal()].increment();
    }

    void add(Event event, long n) {
        counts[event.ordinal()].add(n);
    }

    /** @param ageMillis the age of an entry the consistency probe found stale */
    void recordStaleAge(long ageMillis) {
        maxStaleAgeMillis.accumulateAndGet(ageMillis, Math::max);
    }

    long count(Event event) {
        return counts[event.ordinal()].sum();
    }

    /** @return the counts now; concurrent events may or may not be in it */
    CacheStats snapshot() {
        return new CacheStats(count(Event.HIT), count(Event.MISS), count(Event.LOAD_SUCCESS), count(Event.LOAD_FAILURE),
                count(Event.COALESCED_WAIT), count(Event.FILL), count(Event.FILL_DISCARDED), count(Event.OVERSIZE_SKIP),
                count(Event.CACHE_READ_ERROR), count(Event.CACHE_FILL_ERROR), count(Event.CACHE_INVALIDATE_ERROR),
                count(Event.CORRUPT_ENTRY), count(Event.BYPASSED_READ), count(Event.PEER_INVALIDATION), count(Event.ANNOUNCE_ERROR),
                count(Event.LINK_LOSS), count(Event.INVALIDATION_REPAIRED), count(Event.INVALIDATION_DROPPED), count(Event.PROBED_HIT),
                count(Event.STALE_HIT), count(Event.SLOW_CALL), count(Event.BREAKER_OPENED), count(Event.BREAKER_CLOSED),
                count(Event.BREAKER_SKIP), count(Event.LEASE_WAIT), count(Event.LEASE_WAIT_HIT), count(Event.LEASE_WAIT_TIMEOUT),
                count(Event.DEADLINE_FALLBACK), maxStaleAgeMillis.get());
    }
}
