package org.kvcaches.cache;

import static org.kvcaches.cache.StatsCounter.Event.BYPASSED_READ;
import static org.kvcaches.cache.StatsCounter.Event.CACHE_FILL_ERROR;
import static org.kvcaches.cache.StatsCounter.Event.CACHE_INVALIDATE_ERROR;
import static org.kvcaches.cache.StatsCounter.Event.CACHE_READ_ERROR;
import static org.kvcaches.cache.StatsCounter.Event.COALESCED_WAIT;
import static org.kvcaches.cache.StatsCounter.Event.CORRUPT_ENTRY;
import static org.kvcaches.cache.StatsCounter.Event.FILL;
import static org.kvcaches.cache.StatsCounter.Event.FILL_DISCARDED;
import static org.kvcaches.cache.StatsCounter.Event.HIT;
import static org.kvcaches.cache.StatsCounter.Event.LOAD_FAILURE;
import static org.kvcaches.cache.StatsCounter.Event.LOAD_SUCCESS;
import static org.kvcaches.cache.StatsCounter.Event.MISS;
import static org.kvcaches.cache.StatsCounter.Event.OVERSIZE_SKIP;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.spi.ChangeNotifier;
import org.kvcaches.api.spi.ForwardingKeyValueStore;
import org.kvcaches.api.spi.ReadDeadlineException;

/**
 * A store made of a cache store in front of an authoritative store. Reads try the cache and fall back
 * to the store on a miss or a cache error, then fill the cache; writes, deletes, copies and moves go
 * to the store and then invalidate the cache, after success and after failure alike; listing goes to
 * the store. Beyond that baseline (simplekv's {@code CacheDecorator}):
 *
 * <ul>
 *   <li>a failed cache fill or cache read never fails a read the store served;</li>
 *   <li>concurrent misses on one key cost one store read ({@link SingleFlight});</li>
 *   <li>a fill that raced with a write never leaves the old value cached ({@link FillGuard}: an
 *       {@link InProcessCache} arbitrates fills itself; a shared cache store with put-if-absent,
 *       compare-and-set and TTL takes leases, which hold across processes; otherwise this process's
 *       write stamps protect its own fills and {@code entryTtl} bounds everyone else's);</li>
 *   <li>a key whose invalidation failed is not served from the cache until a later invalidation
 *       succeeds; past {@code maxSuspects} such keys the whole cache is bypassed ({@link TierHealth});</li>
 *   <li>values over {@code maxCachedSize} are streamed from the store and not cached, and an
 *       {@code open} stream never fills the cache with a truncated value;</li>
 *   <li>cache entries carry a header (kind, expiry, length, CRC-32C), so a lease is never served as a
 *       value and a corrupt entry is a miss; everything is counted ({@link #stats()}).</li>
 * </ul>
 *
 * Thread-safe. Closing the decorator closes both stores.
 */
public final class CacheDecorator extends ForwardingKeyValueStore {
    /**
     * The default hard age bound of a cache entry: long enough that a hot key is read from the store
     * about once a minute per tier at most, short enough that a user can live with it as the worst
     * case when an invalidation is lost and nothing else repairs it.
     */
    public static final Duration DEFAULT_MAX_STALENESS = Duration.ofMinutes(1);
    /** Failed or late calls in a row after which a remote cache tier's breaker opens. */
    public static final int DEFAULT_FAILURE_THRESHOLD = 5;
    /**
     * How long a read waits for a remote cache tier before it reads the store instead, and the time
     * after which any call to the tier counts as failed for its breaker. 50 ms is over 100 loopback
     * Redis round trips and more than a typical object-store read, so a cache that slow no longer
     * saves time. A fixed value rather than a multiple of the tier's observed latency: a multiple
     * would follow a tier that degrades slowly upward, give way on a cold start with no history,
     * and cut healthy tail reads (GC pauses, a reconnect) short on a tier whose median is tens of
     * microseconds.
     */
    public static final Duration DEFAULT_READ_DEADLINE = Duration.ofMillis(50);
    /** How often an open breaker probes its tier: at most one slow call per second. */
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(1);

    /** How far a decorator protects its cache from stale fills. */
    public enum Consistency {
        /**
         * Every fill is arbitrated against the writes of every decorator that shares the cache store,
         * so no fill that raced with a write leaves the old value: an {@link InProcessCache} (which
         * only this process can share) checks the decorators' write stamps atomically with the fill;
         * any other cache store takes leases (put-if-absent of a marker with a TTL, replaced by
         * compare-and-set), which holds across processes.
         */
        ARBITRATED,
        /**
         * The cache store cannot take leases: fills are arbitrated in this process only, and a racing
         * fill from another process sharing the cache store can leave the old value until the entry's
         * age reaches {@code entryTtl}.
         */
        AGE_BOUNDED
    }

    private static final System.Logger LOG = System.getLogger(CacheDecorator.class.getName());

    private final KeyValueStore rawCache;
    private final KeyValueStore rawStore;
    private final KeyValueStore cache;
    private final InProcessCache inProcess;
    /** Entries that never leave this process need no checksum. */
    private final boolean checksums;
    private final long maxCachedSize;
    private final boolean writeThrough;
    private final Duration entryTtl;
    private final Duration negativeTtl;
    private final Duration maxStaleness;
    private final Duration leaseWait;
    private final Set<Capability> capabilities;
    private final FillGuard guard;
    /** The lease guard when the tier also reads and leases in one call (Redis): a miss then costs two round trips, not three. */
    private final LeaseFillGuard oneCallLeases;
    private final TierBreaker breaker;
    /** The remote tier behind its breaker and read deadline; null for an in-process tier. */
    private final BreakerGuardedTier tier;
    private final TierHealth health;
    /** Announces writes to other processes and, over a private tier, listens to theirs; or null. */
    private final PeerInvalidation peers;
    private final ConsistencyProbe probe;
    private final SingleFlight<Optional<byte[]>> flights = new SingleFlight<>();
    private final StatsCounter stats = new StatsCounter();
    private final Set<String> loggedErrors = ConcurrentHashMap.newKeySet();

    private CacheDecorator(Builder b) {
        super(b.cache + " | " + b.store, b.store);
        this.rawCache = b.cache;
        this.inProcess = b.cache instanceof InProcessCache p ? p : null;
        // An in-process tier is neither slow nor down on its own: only remote tiers get a breaker.
        this.breaker = inProcess != null ? null : new TierBreaker(b.failureThreshold, b.readDeadline, b.probeInterval, stats);
        this.tier = breaker == null ? null : new BreakerGuardedTier(b.cache, breaker, b.readDeadline);
        this.cache = trusted(tier == null ? b.cache : tier);
        if (breaker != null && b.tierDown) {
            breaker.startOpen();
        }
        this.checksums = inProcess == null;
        this.maxCachedSize = b.maxCachedSize;
        this.writeThrough = b.writeThrough;
        this.maxStaleness = b.maxStaleness;
        this.leaseWait = b.leaseWait != null ? b.leaseWait : b.leaseTtl.dividedBy(5);
        this.entryTtl = b.entryTtl == null || b.entryTtl.compareTo(maxStaleness) > 0 ? maxStaleness : b.entryTtl;
        this.negativeTtl = b.negativeTtl == null || b.negativeTtl.compareTo(maxStaleness) <= 0 ? b.negativeTtl : maxStaleness;
        this.guard = FillGuard.choose(b.cache, cache, b.leases, b.leaseTtl);
        this.oneCallLeases = guard instanceof LeaseFillGuard l && tier != null && tier.readsAndLeasesInOneCall() ? l : null;
        this.health = new TierHealth(cache, b.maxSuspects, maxStaleness, stats);
        this.peers = b.notifier == null ? null : new PeerInvalidation(b.notifier, inProcess != null, this::peerWrote,
                inProcess == null ? () -> { } : inProcess::clear, b.maxSuspects,
                new TierBreaker(b.failureThreshold, b.readDeadline, b.probeInterval, stats), stats);
        KeyValueStore authority = b.store;
        while (authority instanceof CacheDecorator below) {
            authority = below.rawStore;
        }
        this.rawStore = b.store;
        this.probe = b.verifyRate == 0 ? null : new ConsistencyProbe(b.verifyRate, trusted(authority), this::stillServes,
                RetryQueue.MAX_DELAY.toMillis() * 2, stats);
        EnumSet<Capability> kept = EnumSet.noneOf(Capability.class);
        kept.addAll(b.store.capabilities());
        kept.remove(Capability.TTL);
        this.capabilities = Collections.unmodifiableSet(kept);
    }

    /**
     * @param cache the fast store, consulted first; not authoritative
     * @param store the authoritative store; not the cache store itself
     * @return a builder with the seed's defaults (invalidate on write)
     */
    public static Builder builder(KeyValueStore cache, KeyValueStore store) {
        return new Builder(cache, store);
    }

    /** @return whether every fill is arbitrated, or only this process's and the rest bounded by {@code entryTtl} */
    public Consistency consistency() {
        return guard.consistency();
    }

    /**
     * @return what this tier promises about stale reads across processes: how other processes'
     *     writes reach it, its hard age bound and the notification delays measured so far
     */
    public StalenessContract staleness() {
        StalenessContract.Propagation propagation;
        if (peers != null && inProcess != null) {
            propagation = StalenessContract.Propagation.NOTIFIED;
        } else if (inProcess == null && guard.consistency() == Consistency.ARBITRATED) {
            propagation = StalenessContract.Propagation.SHARED;
        } else {
            propagation = StalenessContract.Propagation.AGE_BOUNDED;
        }
        return new StalenessContract(propagation, maxStaleness,
                propagation == StalenessContract.Propagation.NOTIFIED ? peers.delay() : StalenessContract.NotificationDelay.NONE,
                StalenessContract.COVERED, StalenessContract.NOT_COVERED);
    }

    /** @return the state of the cache tier's circuit breaker; always closed for an in-process tier */
    public BreakerState breakerState() {
        return breaker == null ? BreakerState.CLOSED : breaker.state();
    }

    /** @return a snapshot of the counters */
    public CacheStats stats() {
        return stats.snapshot();
    }

    /** @return the cache store, for its own statistics or inspection */
    public KeyValueStore cacheStore() {
        return rawCache;
    }

    /** @return the authoritative store */
    public KeyValueStore backingStore() {
        return rawStore;
    }

    /**
     * The store's capabilities except {@link Capability#TTL}: a cached copy could outlive a value's
     * time to live in the store, so the decorator does not offer it.
     */
    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    // ---- reads ----------------------------------------------------------------------------------

    /**
     * What a read's first call to a remote tier found, and what its load may then do with the tier.
     *
     * @param entry the entry served (a value or a cached absence), or null on a miss
     * @param ticket the lease this read took in the same call, or null
     * @param leasedElsewhere whether another load holds the key's lease
     * @param touchTier false when the tier is skipped or missed the read deadline: the load neither
     *     leases nor fills, so a slow tier costs this read nothing more
     */
    private record Look(CacheEntry entry, FillGuard.Ticket ticket, boolean leasedElsewhere, boolean touchTier) {
        static final Look MISS = new Look(null, null, false, true);
        static final Look LEASED_ELSEWHERE = new Look(null, null, true, true);
        static final Look LEAVE_TIER = new Look(null, null, false, false);
    }

    /**
     * The first look at a remote tier: with {@code lease}, over a tier that reads and leases in one
     * call, a miss takes the key's lease in the same round trip.
     */
    private Look look(String key, boolean lease) {
        if (!health.admits(key) || peers != null && !peers.trusted()) {
            stats.record(BYPASSED_READ);
            return Look.MISS;
        }
        if (breaker.skipping()) {
            // Straight to the store: no call, no exception, no lease marker to encode.
            stats.record(StatsCounter.Event.BREAKER_SKIP);
            return Look.LEAVE_TIER;
        }
        CacheEntry entry;
        try {
            if (lease) {
                LeaseFillGuard.Found found = oneCallLeases.findOrBegin(key, tier);
                if (found.ticket() != null) {
                    return new Look(null, found.ticket(), false, true);
                }
                // Header and payload came apart: the payload is served as it arrived, not copied.
                entry = CacheEntry.decode(found.found(), checksums);
            } else {
                byte[] raw = cache.find(key).orElse(null);
                if (raw == null) {
                    return Look.MISS;
                }
                entry = CacheEntry.decode(raw, checksums);
            }
        } catch (RuntimeException e) {
            cacheError(CACHE_READ_ERROR, "read", e);
            return e instanceof ReadDeadlineException || e instanceof BreakerGuardedTier.Skipped ? Look.LEAVE_TIER : Look.MISS;
        }
        if (entry == null) {
            stats.record(CORRUPT_ENTRY);
            // A corrupt entry holds the key: a lease cannot be taken over it until it expires.
            return lease ? Look.LEAVE_TIER : Look.MISS;
        }
        if (entry.kind == CacheEntry.Kind.LEASE) {
            return lease ? Look.LEASED_ELSEWHERE : Look.MISS;
        }
        return new Look(entry, null, false, true);
    }

    /** @return the cached entry, or null on a miss; counts errors, corrupt entries and bypassed reads */
    private CacheEntry cached(String key) {
        if (tier != null) {
            return look(key, false).entry();
        }
        // An in-process tier's invalidations cannot fail, so it has no suspects: its hit path skips the check.
        if (peers != null && !peers.trusted()) {
            stats.record(BYPASSED_READ);
            return null;
        }
        byte[] raw;
        try {
            // An in-process tier lends its array (decode copies the payload out): one copy per hit, not two.
            raw = inProcess.peek(key);
        } catch (RuntimeException e) {
            cacheError(CACHE_READ_ERROR, "read", e);
            return null;
        }
        if (raw == null) {
            return null;
        }
        CacheEntry entry = CacheEntry.decode(raw, checksums);
        if (entry == null) {
            stats.record(CORRUPT_ENTRY);
            return null;
        }
        return entry.kind == CacheEntry.Kind.LEASE ? null : entry;
    }

    @Override
    protected Optional<byte[]> doFind(String key) {
        if (tier == null) {
            CacheEntry entry = cached(key);
            if (entry != null) {
                return hit(key, entry);
            }
            stats.record(MISS);
            return load(key, Look.MISS);
        }
        Look look = look(key, oneCallLeases != null);
        if (look.entry() != null) {
            return hit(key, look.entry());
        }
        stats.record(MISS);
        return load(key, look);
    }

    private Optional<byte[]> hit(String key, CacheEntry entry) {
        stats.record(HIT);
        if (entry.kind != CacheEntry.Kind.VALUE) {
            return Optional.empty();
        }
        if (probe != null) {
            probe.sample(key, entry.payload, entry.expiresAtMillis - entryTtl.toMillis());
        }
        return Optional.of(entry.payload);
    }

    /** @return whether the tier still serves the entry a hit served: the probe's second look */
    private boolean stillServes(String key, byte[] served, long filledAtMillis) {
        CacheEntry entry = cached(key);
        return entry != null && entry.kind == CacheEntry.Kind.VALUE && entry.expiresAtMillis - entryTtl.toMillis() == filledAtMillis
                && java.util.Arrays.equals(entry.payload, served);
    }

    @Override
    protected byte[] doGet(String key) {
        return doFind(key).orElseThrow(() -> new KeyNotFoundException(key));
    }

    @Override
    protected Map<String, byte[]> doGetAll(List<String> keys) {
        Map<String, byte[]> found = new LinkedHashMap<>();
        for (String key : keys) {
            doFind(key).ifPresent(v -> found.put(key, v));
        }
        return found;
    }

    @Override
    protected boolean doContains(String key) {
        CacheEntry entry = cached(key);
        if (entry != null) {
            stats.record(HIT);
            return entry.kind == CacheEntry.Kind.VALUE;
        }
        stats.record(MISS);
        return delegate().contains(key);
    }

    @Override
    protected long doSize(String key) {
        CacheEntry entry = cached(key);
        if (entry != null && entry.kind == CacheEntry.Kind.VALUE) {
            stats.record(HIT);
            return entry.payload.length;
        }
        return delegate().size(key);
    }

    @Override
    protected InputStream doOpen(String key) {
        // No lease in the first call: a value too large to cache is streamed without a load.
        Look look = tier == null ? Look.MISS : look(key, false);
        CacheEntry entry = tier == null ? cached(key) : look.entry();
        if (entry != null) {
            stats.record(HIT);
            if (entry.kind == CacheEntry.Kind.ABSENT) {
                throw new KeyNotFoundException(key);
            }
            return new ByteArrayInputStream(entry.payload);
        }
        stats.record(MISS);
        if (delegate().size(key) > maxCachedSize) {
            stats.record(OVERSIZE_SKIP);
            return delegate().open(key);
        }
        return new ByteArrayInputStream(load(key, look).orElseThrow(() -> new KeyNotFoundException(key)));
    }

    /**
     * Loads from the store once per key at a time, then fills the cache.
     *
     * @param look what the read's first call to the tier found: a lease already taken, another
     *     load's lease, or that the tier is to be left alone in this read
     */
    private Optional<byte[]> load(String key, Look look) {
        CompletableFuture<Optional<byte[]>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<byte[]>> running = flights.lead(key, mine);
        if (running != null) {
            stats.record(COALESCED_WAIT);
            // A lease this read took is of no use: the running load reads the store.
            abandonFill(key, look.ticket());
            return SingleFlight.await(running);
        }
        try {
            FillGuard.Ticket ticket = look.ticket();
            boolean heldElsewhere = look.leasedElsewhere() && guard.sharesLoads();
            if (ticket == null && !heldElsewhere && look.touchTier()) {
                try {
                    ticket = guard.begin(key);
                    heldElsewhere = ticket == null && guard.sharesLoads();
                } catch (RuntimeException e) {
                    cacheError(CACHE_FILL_ERROR, "lease", e);
                    ticket = null;
                    heldElsewhere = false;
                }
            }
            if (heldElsewhere && !leaseWait.isZero() && health.admits(key)) {
                Optional<byte[]> filled = awaitOthersFill(key);
                if (filled != null) {
                    mine.complete(filled);
                    return filled;
                }
                // The lease was released (a load of this process that found this flight running lets
                // its own go) or expired: take it now, so this load's value is cached for later readers.
                ticket = beginFill(key);
            }
            Optional<byte[]> value;
            try {
                value = delegate().find(key);
            } catch (RuntimeException e) {
                stats.record(LOAD_FAILURE);
                abandonFill(key, ticket);
                mine.completeExceptionally(e);
                throw e;
            }
            stats.record(LOAD_SUCCESS);
            mine.complete(value);
            fill(key, value, ticket);
            return value;
        } finally {
            flights.finish(key, mine);
        }
    }

    /**
     * Another process holds the key's lease and is reading the store: waits, with back-off, for its
     * fill instead of reading the store too (Facebook's memcache leases). Only a value that replaced
     * a lease this load saw is taken: an entry already there is not a fill of this load's time.
     *
     * @return the value it filled, or null when the wait ended without one (the lease was released
     *     or expired, the wait timed out, or the cache failed): then this load reads the store
     */
    private Optional<byte[]> awaitOthersFill(String key) {
        stats.record(StatsCounter.Event.LEASE_WAIT);
        long deadline = System.nanoTime() + leaseWait.toNanos();
        long pauseMicros = 250;
        boolean sawLease = false;
        try {
            while (System.nanoTime() - deadline < 0) {
                byte[] raw = cache.find(key).orElse(null);
                CacheEntry entry = raw == null ? null : CacheEntry.decode(raw, checksums);
                if (entry == null || entry.kind != CacheEntry.Kind.LEASE && !sawLease) {
                    // No lease, or an entry that was there before this load (it may be one whose invalidation failed): read the store.
                    break;
                }
                if (entry.kind != CacheEntry.Kind.LEASE) {
                    stats.record(StatsCounter.Event.LEASE_WAIT_HIT);
                    return entry.kind == CacheEntry.Kind.VALUE ? Optional.of(entry.payload) : Optional.empty();
                }
                sawLease = true;
                Thread.sleep(pauseMicros / 1000, (int) (pauseMicros % 1000) * 1000);
                pauseMicros = Math.min(pauseMicros * 2, 20_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            cacheError(CACHE_READ_ERROR, "read", e);
        }
        stats.record(StatsCounter.Event.LEASE_WAIT_TIMEOUT);
        return null;
    }

    private FillGuard.Ticket beginFill(String key) {
        try {
            return guard.begin(key);
        } catch (RuntimeException e) {
            cacheError(CACHE_FILL_ERROR, "lease", e);
            return null;
        }
    }

    private void abandonFill(String key, FillGuard.Ticket ticket) {
        try {
            guard.abandon(key, ticket);
        } catch (RuntimeException e) {
            cacheError(CACHE_FILL_ERROR, "lease release", e);
        }
    }

    private void fill(String key, Optional<byte[]> value, FillGuard.Ticket ticket) {
        if (ticket == null) {
            return;
        }
        if (peers != null && !peers.trusted()) {
            // Another process's write could not reach this tier now: fill nothing it cannot prove fresh.
            abandonFill(key, ticket);
            return;
        }
        Duration ttl = value.isPresent() ? entryTtl : negativeTtl;
        if (value.isEmpty() && negativeTtl == null || value.isPresent() && value.get().length > maxCachedSize) {
            if (value.isPresent()) {
                stats.record(OVERSIZE_SKIP);
            }
            abandonFill(key, ticket);
            return;
        }
        byte[] entry = CacheEntry.encode(value.isPresent() ? CacheEntry.Kind.VALUE : CacheEntry.Kind.ABSENT,
                value.orElse(new byte[0]), ttl == null ? 0 : System.currentTimeMillis() + ttl.toMillis(), checksums);
        try {
            stats.record(guard.fill(key, ticket, entry, ttl) ? FILL : FILL_DISCARDED);
        } catch (RuntimeException e) {
            cacheError(CACHE_FILL_ERROR, "fill", e);
            // The entry may have landed and its undo failed: distrust the key until a delete succeeds.
            health.invalidationFailed(key);
        }
    }

    private void cacheError(StatsCounter.Event event, String kind, RuntimeException e) {
        if (e instanceof BreakerGuardedTier.Skipped) {
            stats.record(StatsCounter.Event.BREAKER_SKIP);
            return;
        }
        if (e instanceof ReadDeadlineException) {
            // Not an error: the read went to the store, and the breaker counted the tier's lateness.
            stats.record(StatsCounter.Event.DEADLINE_FALLBACK);
            return;
        }
        stats.record(event);
        if (loggedErrors.add(kind)) {
            LOG.log(System.Logger.Level.WARNING, "cache " + kind + " failed in " + this + " (logged once per kind): " + e, e);
        }
    }

    // ---- writes ---------------------------------------------------------------------------------

    /** Runs a store write inside the fill guard's bracket, then invalidates the key, whether the write failed or not. */
    private void writing(String key, Runnable write) {
        guard.writeStarted(key);
        try {
            write.run();
        } finally {
            written(key);
            announce(List.of(key));
        }
    }

    /** Tells other processes, once per write, which keys it changed. */
    private void announce(List<String> keys) {
        if (peers != null) {
            peers.announce(keys);
        }
    }

    /** Another process wrote the key: drop it here, and refuse fills and joins that began before. */
    private void peerWrote(String key) {
        guard.writeEnded(key);
        flights.forget(key);
        try {
            cache.delete(key);
        } catch (RuntimeException e) {
            cacheError(CACHE_INVALIDATE_ERROR, "invalidate", e);
        }
    }

    /**
     * After a store write of the key: ends the guard's bracket, so a fill that read before the write
     * is refused; forgets the key's load in flight; and invalidates the cached entry.
     */
    private void written(String key) {
        guard.writeEnded(key);
        flights.forget(key);
        long mark = health.beforeInvalidation(key);
        try {
            cache.delete(key);
            health.invalidated(key, mark);
        } catch (RuntimeException e) {
            cacheError(CACHE_INVALIDATE_ERROR, "invalidate", e);
            health.invalidationFailed(key);
        }
    }

    @Override
    protected void doPut(String key, byte[] value, Duration ttl) {
        writing(key, () -> delegate().put(key, value));
        if (writeThrough) {
            fill(key, Optional.of(value), beginFill(key));
        }
    }

    @Override
    protected void doPut(String key, InputStream data, Duration ttl) {
        writing(key, () -> delegate().put(key, data));
    }

    @Override
    protected boolean doPutIfAbsent(String key, byte[] value, Duration ttl) {
        boolean[] result = new boolean[1];
        writing(key, () -> result[0] = delegate().putIfAbsent(key, value));
        return result[0];
    }

    @Override
    protected boolean doCompareAndSet(String key, byte[] expected, byte[] replacement, Duration ttl) {
        boolean[] result = new boolean[1];
        writing(key, () -> result[0] = delegate().compareAndSet(key, expected, replacement));
        return result[0];
    }

    @Override
    protected void doDelete(String key) {
        writing(key, () -> delegate().delete(key));
    }

    @Override
    protected void doDeleteAll(List<String> keys) {
        keys.forEach(guard::writeStarted);
        try {
            delegate().deleteAll(keys);
        } finally {
            keys.forEach(this::written);
            announce(keys);
        }
    }

    @Override
    protected void doCopy(String from, String to) {
        writing(to, () -> delegate().copy(from, to));
    }

    @Override
    protected void doMove(String from, String to) {
        guard.writeStarted(from);
        guard.writeStarted(to);
        try {
            delegate().move(from, to);
        } finally {
            written(from);
            written(to);
            announce(List.of(from, to));
        }
    }

    @Override
    protected void doClose() {
        try {
            if (peers != null) {
                peers.close();
            }
            if (probe != null) {
                probe.close();
            }
            health.close();
            if (tier != null) {
                tier.stopHedging();
            }
            rawCache.close();
        } finally {
            super.doClose();
        }
    }

    /** Options of a {@link CacheDecorator}; build with {@link #build()}. Defaults live here only. */
    public static final class Builder {
        /* Named so that a chain's cache options (TierChainComposer) document these same values. */
        static final long DEFAULT_MAX_CACHED_SIZE = 8L << 20;
        static final boolean DEFAULT_WRITE_THROUGH = false;
        static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(5);
        static final int DEFAULT_MAX_SUSPECTS = 10_000;
        static final boolean DEFAULT_LEASES = true;
        static final double DEFAULT_VERIFY_RATE = 0;

        private final KeyValueStore cache;
        private final KeyValueStore store;
        private long maxCachedSize = DEFAULT_MAX_CACHED_SIZE;
        private boolean writeThrough = DEFAULT_WRITE_THROUGH;
        private Duration entryTtl;
        private Duration negativeTtl;
        private Duration leaseTtl = DEFAULT_LEASE_TTL;
        private int maxSuspects = DEFAULT_MAX_SUSPECTS;
        private boolean leases = DEFAULT_LEASES;
        private Duration maxStaleness = DEFAULT_MAX_STALENESS;
        private ChangeNotifier notifier;
        private double verifyRate = DEFAULT_VERIFY_RATE;
        private Duration leaseWait;
        private boolean tierDown;
        private int failureThreshold = DEFAULT_FAILURE_THRESHOLD;
        private Duration readDeadline = DEFAULT_READ_DEADLINE;
        private Duration probeInterval = DEFAULT_PROBE_INTERVAL;

        private Builder(KeyValueStore cache, KeyValueStore store) {
            this.cache = Objects.requireNonNull(cache, "cache");
            this.store = Objects.requireNonNull(store, "store");
            if (cache == store) {
                throw new IllegalArgumentException("store " + store + " cannot be a cache tier over itself: a fill would"
                        + " overwrite the value it read with a cache entry; give two different stores");
            }
        }

        /**
         * @param bytes values larger than this are streamed and not cached (default 8 MiB; at least 0)
         * @return this
         */
        public Builder maxCachedSize(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxCachedSize must not be negative, got " + bytes);
            }
            this.maxCachedSize = bytes;
            return this;
        }

        /**
         * @param enabled whether a put also fills the cache (default false: invalidate)
         * @return this
         */
        public Builder writeThrough(boolean enabled) {
            this.writeThrough = enabled;
            return this;
        }

        /**
         * @param ttl the most a cache entry lives, or null for no limit (default)
         * @return this
         */
        public Builder entryTtl(Duration ttl) {
            this.entryTtl = positive("entryTtl", ttl);
            return this;
        }

        /**
         * @param ttl how long an absent key is remembered, or null not to (default)
         * @return this
         */
        public Builder negativeTtl(Duration ttl) {
            this.negativeTtl = positive("negativeTtl", ttl);
            return this;
        }

        /**
         * @param ttl how long a fill's lease marker lives (default 5 s)
         * @return this
         */
        public Builder leaseTtl(Duration ttl) {
            this.leaseTtl = Objects.requireNonNull(positive("leaseTtl", ttl), "leaseTtl");
            return this;
        }

        /**
         * @param enabled whether to use cross-process leases when the cache supports them (default true)
         * @return this
         */
        public Builder leases(boolean enabled) {
            this.leases = enabled;
            return this;
        }

        /**
         * @param count distrusted keys tolerated before the whole cache is bypassed (default 10,000; at least 1)
         * @return this
         */
        public Builder maxSuspects(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("maxSuspects must be at least 1, got " + count);
            }
            this.maxSuspects = count;
            return this;
        }

        /**
         * @param bound the hard age bound of every entry this decorator caches, whatever else fails
         *     (default {@link #DEFAULT_MAX_STALENESS}); {@code entryTtl} and {@code negativeTtl} are
         *     capped by it
         * @return this
         */
        public Builder maxStaleness(Duration bound) {
            this.maxStaleness = Objects.requireNonNull(positive("maxStaleness", bound), "maxStaleness");
            return this;
        }

        /**
         * Announces every write through the decorator to other processes via a shared tier that
         * carries notifications, and, when the cache store is an {@link InProcessCache}, listens
         * there for theirs. A tier chain opened by URI sets this on its first tier when a tier below
         * is such a store.
         *
         * @param notifier the shared tier's notifier, or null for none (default)
         * @return this
         */
        public Builder announceThrough(ChangeNotifier notifier) {
            this.notifier = notifier;
            return this;
        }

        /**
         * @param rate the fraction of hits re-read from the authoritative store in the background to
         *     measure staleness ({@link CacheStats#staleHitCount()}), from 0 (off, the default) to 1
         * @return this
         */
        public Builder verifyRate(double rate) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("verifyRate must be from 0 to 1, got " + rate);
            }
            this.verifyRate = rate;
            return this;
        }

        /**
         * @param wait how long a miss that finds another process's lease on the key waits for that
         *     process's fill before it reads the store itself; zero never waits (default: a fifth of
         *     the lease time to live, 1 s with the default lease)
         * @return this
         */
        public Builder leaseWait(Duration wait) {
            Objects.requireNonNull(wait, "leaseWait");
            if (wait.isNegative()) {
                throw new IllegalArgumentException("leaseWait must not be negative, got " + wait);
            }
            this.leaseWait = wait;
            return this;
        }

        /**
         * @param failures calls to a remote cache tier that fail or answer late, in a row, after which
         *     its circuit breaker opens and the tier is skipped (default {@value #DEFAULT_FAILURE_THRESHOLD})
         * @return this
         */
        public Builder failureThreshold(int failures) {
            if (failures < 1) {
                throw new IllegalArgumentException("failureThreshold must be at least 1, got " + failures);
            }
            this.failureThreshold = failures;
            return this;
        }

        /**
         * @param deadline how long a read waits for a remote cache tier before it reads the store
         *     instead (counted in {@link CacheStats#deadlineFallbackCount()}); any tier call that
         *     answers later than this also counts as a failure for the breaker (default
         *     {@link #DEFAULT_READ_DEADLINE})
         * @return this
         */
        public Builder readDeadline(Duration deadline) {
            this.readDeadline = Objects.requireNonNull(positive("readDeadline", deadline), "readDeadline");
            return this;
        }

        /**
         * @param interval how often an open breaker lets one call through to probe the tier (default
         *     {@link #DEFAULT_PROBE_INTERVAL})
         * @return this
         */
        public Builder probeInterval(Duration interval) {
            this.probeInterval = Objects.requireNonNull(positive("probeInterval", interval), "probeInterval");
            return this;
        }

        /**
         * Starts with the cache tier's breaker open, for a tier that did not answer when the chain
         * opened: reads go to the store at once, and the tier is probed after one interval.
         *
         * @return this
         */
        Builder tierDown() {
            this.tierDown = true;
            return this;
        }

        private static Duration positive(String option, Duration ttl) {
            if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
                throw new IllegalArgumentException(option + " must be positive, got " + ttl);
            }
            return ttl;
        }

        /**
         * @return the decorator; closing it closes both stores
         */
        public CacheDecorator build() {
            return new CacheDecorator(this);
        }
    }
}
