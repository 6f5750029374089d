package org.kvcaches.cache;

import java.time.Duration;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyValueStore;

/**
 * Keeps a fill that raced with a write from leaving the old value in the cache. A load takes a
 * {@link Ticket} before it reads the store and fills only through it; every store write is bracketed
 * by {@link #writeStarted} and {@link #writeEnded}. Three guards exist, chosen once per decorator by
 * {@link #choose}: arbitration by an {@link InProcessCache}, leases in a shared cache store, and
 * this process's write stamps alone.
 */
interface FillGuard {

    /**
     * A load's permission to fill.
     *
     * @param stamp the key's write stamp when the load began
     * @param lease the lease marker this load holds in the cache store, or {@code null}
     */
    record Ticket(long stamp, byte[] lease) {
    }

    /**
     * @param key a valid key about to be read from the store
     * @return the ticket, or {@code null} when this load must not fill (another load holds the key)
     * @throws RuntimeException when the cache store failed; the load then does not fill
     */
    Ticket begin(String key);

    /**
     * @param key the loaded key
     * @param ticket what {@link #begin} returned
     * @param entry the encoded entry
     * @param ttl the entry's time to live, or {@code null}
     * @return whether the entry is in the cache now (false: a write won, or a lease was lost)
     * @throws RuntimeException when the cache store failed
     */
    boolean fill(String key, Ticket ticket, byte[] entry, Duration ttl);

    /**
     * Gives up a ticket whose load will not fill (failed, absent and not remembered, or too large),
     * so that the next load can fill at once instead of after the lease's time to live.
     *
     * @param key the key
     * @param ticket what {@link #begin} returned, possibly {@code null}
     * @throws RuntimeException when the cache store failed
     */
    void abandon(String key, Ticket ticket);

    /** @param key a key whose store write is about to start */
    void writeStarted(String key);

    /** @param key a key whose store write ended, successfully or not */
    void writeEnded(String key);

    /**
     * @return whether another process's load can hold a key, so that a load that got no ticket may
     *     wait for that process's fill instead of reading the store too
     */
    default boolean sharesLoads() {
        return false;
    }

    /** @return how far this guard protects the cache */
    CacheDecorator.Consistency consistency();

    /**
     * @param cache the cache store as given to the builder (not a view of it)
     * @param calls the cache store as the decorator calls it
     * @param leases whether leases may be used
     * @param leaseTtl the lease's time to live
     * @return the guard this cache store allows
     */
    static FillGuard choose(KeyValueStore cache, KeyValueStore calls, boolean leases, Duration leaseTtl) {
        if (cache instanceof InProcessCache inProcess) {
            return new ArbitratedFillGuard(inProcess);
        }
        boolean canLease = cache.capabilities().containsAll(LeaseFillGuard.NEEDS);
        return leases && canLease ? new LeaseFillGuard(calls, leaseTtl) : new StampedFillGuard(calls,
                cache.capabilities().contains(Capability.TTL));
    }
}
