package org.kvcaches.cache;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.spi.CacheTierReads;

/**
 * The fill guard over a shared cache store with put-if-absent, compare-and-set and TTL (Redis): a miss
 * installs a short-lived lease marker and the value replaces it only by compare-and-set, so a writer's
 * invalidation in between, from any process, makes the late fill fail. Only the holder of the lease
 * fills; this process's write stamps are re-checked as well.
 */
final class LeaseFillGuard extends StampedFillGuard {
    /** What a cache store needs for leases. */
    static final Set<Capability> NEEDS = Set.of(Capability.TTL, Capability.PUT_IF_ABSENT, Capability.COMPARE_AND_SET);
    /** With {@link #LEASES}, makes lease tokens unique across processes and across decorators in one. */
    private static final long INSTANCE_ID = new SecureRandom().nextLong();
    private static final AtomicLong LEASES = new AtomicLong();

    private final Duration leaseTtl;

    LeaseFillGuard(KeyValueStore cache, Duration leaseTtl) {
        super(cache, true);
        this.leaseTtl = leaseTtl;
    }

    @Override
    public Ticket begin(String key) {
        long stamp = stamp(key);
        byte[] marker = marker();
        return cache.putIfAbsent(key, marker, leaseTtl) ? new Ticket(stamp, marker) : null;
    }

    /**
     * What the first call of a read found over a tier that reads and leases in one call.
     *
     * @param found the entry in the tier (a value, an absence or another load's lease), its header
     *     apart from its payload, or null
     * @param ticket when the key was absent, the lease this read took in the same call; else null
     */
    record Found(CacheTierReads.Parts found, Ticket ticket) {
    }

    /**
     * The first call of a read over a tier that reads and leases in one call: the key's entry, or,
     * when it is absent, the lease marker put in the same round trip (instead of a read, then a
     * put-if-absent).
     *
     * @param key a valid key
     * @param tier the cache tier
     * @return the entry found or the lease taken
     */
    Found findOrBegin(String key, BreakerGuardedTier tier) {
        long stamp = stamp(key);
        byte[] marker = marker();
        Optional<CacheTierReads.Parts> entry = tier.findOrPut(key, marker, leaseTtl);
        return entry.isPresent() ? new Found(entry.get(), null) : new Found(null, new Ticket(stamp, marker));
    }

    /** A new lease marker, unique across processes (a random JVM id) and decorators (a JVM-wide counter); cheaper than a random UUID per miss. */
    private byte[] marker() {
        byte[] token = ByteBuffer.allocate(16).putLong(INSTANCE_ID).putLong(LEASES.incrementAndGet()).array();
        return CacheEntry.encode(CacheEntry.Kind.LEASE, token, System.currentTimeMillis() + leaseTtl.toMillis(), true);
    }

    @Override
    public boolean fill(String key, Ticket ticket, byte[] entry, Duration ttl) {
        boolean replaced = ttl != null ? cache.compareAndSet(key, ticket.lease(), entry, ttl)
                : cache.compareAndSet(key, ticket.lease(), entry);
        return replaced && keptUnlessRaced(key, ticket);
    }

    /**
     * Deleting is always safe: if the lease expired and another load filled the key meanwhile, only
     * that fill is lost.
     */
    @Override
    public void abandon(String key, Ticket ticket) {
        if (ticket != null) {
            cache.delete(key);
        }
    }

    @Override
    public boolean sharesLoads() {
        return true;
    }

    @Override
    public CacheDecorator.Consistency consistency() {
        return CacheDecorator.Consistency.ARBITRATED;
    }
}
