package org.kvcaches.cache;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.spi.AbstractKeyValueStore;

/**
 * A store made of a cache store in front of an authoritative store. Reads try the cache and fall back
 * to the store on a miss or a cache error, then fill the cache; writes, deletes, copies and moves go
 * to the store and then invalidate the cache, after success and after failure alike; listing goes to
 * the store. Beyond that baseline (simplekv's {@code CacheDecorator}):
 *
 * <ul>
 *   <li>a failed cache fill or cache read never fails a read the store served;</li>
 *   <li>concurrent misses on one key cost one store read (single flight, no lock held during I/O);</li>
 *   <li>a fill that raced with a write never leaves the old value cached: in this process, writers
 *       bump a per-key version that a fill re-checks after writing (and undoes itself if it
 *       changed); across processes, when the cache store has put-if-absent, compare-and-set and
 *       TTL, a miss installs a short-lived lease marker and the value replaces it only by
 *       compare-and-set, so a writer's invalidation in between makes the late fill fail;</li>
 *   <li>a key whose invalidation failed is not served from the cache until a later invalidation
 *       succeeds; past {@code maxSuspects} such keys the whole cache is bypassed until it can be
 *       cleared;</li>
 *   <li>values over {@code maxCachedSize} are streamed from the store and not cached, and an
 *       {@code open} stream never fills the cache with a truncated value;</li>
 *   <li>cache entries carry a header (kind, expiry, length, CRC-32), so a lease is never served as a
 *       value and a corrupt entry is a miss; hits, misses and errors are counted ({@link #stats()}).</li>
 * </ul>
 *
 * Where the cache store cannot take leases (it lacks put-if-absent, compare-and-set or TTL, like
 * {@code file:}), only the in-process protection holds: {@link #consistency()} reports
 * {@link Consistency#AGE_BOUNDED}, and the builder requires {@code entryTtl} to bound how long another
 * process's racing fill can stay stale (a chain opened by URI uses {@link #DEFAULT_UNLEASED_ENTRY_TTL}).
 */
public final class CacheDecorator extends AbstractKeyValueStore {
    /** The most age of an entry in a chain's cache tier that cannot take leases, when opened by URI. */
    public static final Duration DEFAULT_UNLEASED_ENTRY_TTL = Duration.ofMinutes(1);

    /** How far a decorator protects its cache from stale fills. */
    public enum Consistency {
        /**
         * Every fill is arbitrated against the writes of every decorator that shares the cache store,
         * so no fill that raced with a write leaves the old value: a {@code heap:} store (which only
         * this process can share) keeps the decorators' write stamps and checks them atomically with
         * the fill; any other cache store takes leases (put-if-absent of a marker with a TTL, replaced
         * by compare-and-set), which holds across processes.
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
    static final int STRIPES = 4096;
    /** With {@link #LEASES}, makes lease tokens unique across processes and across decorators in one. */
    private static final long INSTANCE_ID = new SecureRandom().nextLong();
    private static final AtomicLong LEASES = new AtomicLong();

    private final KeyValueStore cache;
    private final HeapStore heap;
    /** Entries that never leave this process (a {@code heap:} tier) need no checksum. */
    private final boolean checksums;
    private final KeyValueStore store;
    private final long maxCachedSize;
    private final boolean writeThrough;
    private final Duration entryTtl;
    private final Duration negativeTtl;
    private final Duration leaseTtl;
    private final int maxSuspects;
    private final boolean leases;
    private final boolean cacheHasTtl;
    private final Set<Capability> capabilities;

    private final ConcurrentHashMap<String, CompletableFuture<Optional<byte[]>>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLongArray versions;
    private final Set<String> suspects = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean bypass = new AtomicBoolean();
    private final ConcurrentHashMap<String, Boolean> loggedErrors = new ConcurrentHashMap<>();

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder loadSuccesses = new LongAdder();
    private final LongAdder loadFailures = new LongAdder();
    private final LongAdder coalesced = new LongAdder();
    private final LongAdder fills = new LongAdder();
    private final LongAdder fillsDiscarded = new LongAdder();
    private final LongAdder oversize = new LongAdder();
    private final LongAdder readErrors = new LongAdder();
    private final LongAdder fillErrors = new LongAdder();
    private final LongAdder invalidateErrors = new LongAdder();
    private final LongAdder corrupt = new LongAdder();
    private final LongAdder bypassed = new LongAdder();

    private CacheDecorator(Builder b) {
        super(b.cache + " | " + b.store);
        this.cache = b.cache;
        this.heap = b.cache instanceof HeapStore h ? h : null;
        this.checksums = heap == null;
        this.store = b.store;
        this.maxCachedSize = b.maxCachedSize;
        this.writeThrough = b.writeThrough;
        this.entryTtl = b.entryTtl;
        this.negativeTtl = b.negativeTtl;
        this.leaseTtl = b.leaseTtl;
        this.maxSuspects = b.maxSuspects;
        Set<Capability> caps = cache.capabilities();
        this.cacheHasTtl = caps.contains(Capability.TTL);
        java.util.EnumSet<Capability> kept = java.util.EnumSet.noneOf(Capability.class);
        kept.addAll(store.capabilities());
        kept.remove(Capability.TTL);
        this.capabilities = java.util.Collections.unmodifiableSet(kept);
        // A heap: store arbitrates fills itself, for every decorator over it, without leases.
        this.versions = heap != null ? heap.writeVersions() : new AtomicLongArray(STRIPES);
        this.leases = heap == null && b.leases && cacheHasTtl && caps.contains(Capability.PUT_IF_ABSENT)
                && caps.contains(Capability.COMPARE_AND_SET);
    }

    /**
     * @param cache the fast store, consulted first; not authoritative
     * @param store the authoritative store
     * @return a builder with the seed's defaults (invalidate on write)
     */
    public static Builder builder(KeyValueStore cache, KeyValueStore store) {
        return new Builder(cache, store);
    }

    /** Options of a {@link CacheDecorator}; build with {@link #build()}. */
    public static final class Builder {
        private final KeyValueStore cache;
        private final KeyValueStore store;
        private long maxCachedSize = 8L << 20;
        private boolean writeThrough;
        private Duration entryTtl;
        private Duration negativeTtl;
        private Duration leaseTtl = Duration.ofSeconds(5);
        private int maxSuspects = 10_000;
        private boolean leases = true;

        private Builder(KeyValueStore cache, KeyValueStore store) {
            this.cache = Objects.requireNonNull(cache, "cache");
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * @param bytes values larger than this are streamed and not cached (default 8 MiB)
         * @return this builder
         */
        public Builder maxCachedSize(long bytes) {
            this.maxCachedSize = bytes;
            return this;
        }

        /**
         * @param enabled whether a put also fills the cache (default false: invalidate)
         * @return this builder
         */
        public Builder writeThrough(boolean enabled) {
            this.writeThrough = enabled;
            return this;
        }

        /**
         * @param ttl the most a cache entry lives, or null for no limit (default)
         * @return this builder
         */
        public Builder entryTtl(Duration ttl) {
            this.entryTtl = positive(ttl);
            return this;
        }

        /**
         * @param ttl how long an absent key is remembered, or null not to (default)
         * @return this builder
         */
        public Builder negativeTtl(Duration ttl) {
            this.negativeTtl = positive(ttl);
            return this;
        }

        /**
         * @param ttl how long a fill's lease marker lives (default 5 s)
         * @return this builder
         */
        public Builder leaseTtl(Duration ttl) {
            this.leaseTtl = Objects.requireNonNull(positive(ttl), "leaseTtl");
            return this;
        }

        /**
         * @param enabled whether to use cross-process leases when the cache supports them (default true)
         * @return this builder
         */
        public Builder leases(boolean enabled) {
            this.leases = enabled;
            return this;
        }

        /**
         * @param count distrusted keys tolerated before the whole cache is bypassed (default 10,000)
         * @return this builder
         */
        public Builder maxSuspects(int count) {
            this.maxSuspects = count;
            return this;
        }

        private static Duration positive(Duration ttl) {
            if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
                throw new IllegalArgumentException("a duration must be positive, got " + ttl);
            }
            return ttl;
        }

        /**
         * @return the decorator; closing it closes both stores
         * @throws IllegalStateException when the cache store cannot take leases (or leases are off)
         *     and no {@code entryTtl} bounds how long a stale fill from another process can live
         */
        public CacheDecorator build() {
            CacheDecorator decorator = new CacheDecorator(this);
            if (decorator.consistency() == Consistency.AGE_BOUNDED && entryTtl == null) {
                throw new IllegalStateException("cache store " + cache + (leases ? " cannot take leases (it lacks put-if-absent,"
                        + " compare-and-set or TTL)" : " is used without leases") + ", so a fill from another process sharing it"
                        + " could leave a stale value; set entryTtl(...) to bound how long, e.g. entryTtl(Duration.ofMinutes(1))");
            }
            return decorator;
        }
    }

    /** @return whether every fill is arbitrated, or only this process's and the rest bounded by {@code entryTtl} */
    public Consistency consistency() {
        return heap != null || leases ? Consistency.ARBITRATED : Consistency.AGE_BOUNDED;
    }

    /** @return a snapshot of the counters */
    public CacheStats stats() {
        return new CacheStats(hits.sum(), misses.sum(), loadSuccesses.sum(), loadFailures.sum(), coalesced.sum(), fills.sum(),
                fillsDiscarded.sum(), oversize.sum(), readErrors.sum(), fillErrors.sum(), invalidateErrors.sum(), corrupt.sum(),
                bypassed.sum());
    }

    /** @return the cache store, for its own statistics or inspection */
    public KeyValueStore cacheStore() {
        return cache;
    }

    /** @return the authoritative store */
    public KeyValueStore backingStore() {
        return store;
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

    private int stripe(String key) {
        return Math.floorMod(key.hashCode(), STRIPES);
    }

    private void cacheError(LongAdder counter, String kind, RuntimeException e) {
        counter.increment();
        if (loggedErrors.putIfAbsent(kind, Boolean.TRUE) == null) {
            LOG.log(System.Logger.Level.WARNING, "cache " + kind + " failed in " + this + " (logged once per kind): " + e, e);
        }
    }

    /** @return the cached entry, or null on a miss; counts hits, misses and errors */
    private CacheEntry cached(String key) {
        if (bypass.get()) {
            bypassed.increment();
            tryRecover();
            return null;
        }
        if (!suspects.isEmpty() && suspects.contains(key)) {
            try {
                cache.delete(key);
                suspects.remove(key);
            } catch (RuntimeException e) {
                bypassed.increment();
                return null;
            }
        }
        byte[] raw;
        try {
            // A heap: tier lends its array (decode copies the payload out): one copy per hit, not two.
            raw = heap != null ? heap.peek(key) : cache.find(key).orElse(null);
        } catch (RuntimeException e) {
            cacheError(readErrors, "read", e);
            return null;
        }
        if (raw == null) {
            return null;
        }
        CacheEntry entry = CacheEntry.decode(raw, checksums);
        if (entry == null) {
            corrupt.increment();
            return null;
        }
        return entry.kind == CacheEntry.Kind.LEASE ? null : entry;
    }

    @Override
    protected Optional<byte[]> doFind(String key) {
        CacheEntry entry = cached(key);
        if (entry != null) {
            hits.increment();
            return entry.kind == CacheEntry.Kind.VALUE ? Optional.of(entry.payload) : Optional.empty();
        }
        misses.increment();
        return load(key);
    }

    @Override
    protected byte[] doGet(String key) {
        return doFind(key).orElseThrow(() -> new KeyNotFoundException(key));
    }

    @Override
    protected boolean doContains(String key) {
        CacheEntry entry = cached(key);
        if (entry != null) {
            hits.increment();
            return entry.kind == CacheEntry.Kind.VALUE;
        }
        misses.increment();
        return store.contains(key);
    }

    @Override
    protected long doSize(String key) {
        CacheEntry entry = cached(key);
        if (entry != null && entry.kind == CacheEntry.Kind.VALUE) {
            hits.increment();
            return entry.payload.length;
        }
        return store.size(key);
    }

    @Override
    protected InputStream doOpen(String key) {
        CacheEntry entry = cached(key);
        if (entry != null) {
            hits.increment();
            if (entry.kind == CacheEntry.Kind.ABSENT) {
                throw new KeyNotFoundException(key);
            }
            return new ByteArrayInputStream(entry.payload);
        }
        misses.increment();
        if (store.size(key) > maxCachedSize) {
            oversize.increment();
            return store.open(key);
        }
        return new ByteArrayInputStream(load(key).orElseThrow(() -> new KeyNotFoundException(key)));
    }

    /** Loads from the store once per key at a time, then fills the cache. */
    private Optional<byte[]> load(String key) {
        CompletableFuture<Optional<byte[]>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<byte[]>> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            coalesced.increment();
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            long version = versions.get(stripe(key));
            byte[] lease = leases ? acquireLease(key) : null;
            Optional<byte[]> value;
            try {
                value = store.find(key);
            } catch (RuntimeException e) {
                loadFailures.increment();
                releaseLease(key, lease);
                mine.completeExceptionally(e);
                throw e;
            }
            loadSuccesses.increment();
            mine.complete(value);
            if (!leases || lease != null) {
                fill(key, value, version, lease);
            }
            return value;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** @return the lease marker this load holds, or null when another load holds one or the cache failed */
    private byte[] acquireLease(String key) {
        // Unique across processes (a random JVM id) and decorators (a JVM-wide counter); cheaper than a random UUID per miss.
        byte[] token = ByteBuffer.allocate(16).putLong(INSTANCE_ID).putLong(LEASES.incrementAndGet()).array();
        byte[] marker = CacheEntry.encode(CacheEntry.Kind.LEASE, token, System.currentTimeMillis() + leaseTtl.toMillis(), true);
        try {
            return cache.putIfAbsent(key, marker, leaseTtl) ? marker : null;
        } catch (RuntimeException e) {
            cacheError(fillErrors, "lease", e);
            return null;
        }
    }

    /**
     * Removes the lease marker of a load that will not fill, so that the key can be cached by the next
     * load instead of after the lease's TTL. Deleting is always safe: if the lease expired and
     * another load filled the key meanwhile, only that fill is lost.
     */
    private void releaseLease(String key, byte[] lease) {
        if (lease == null) {
            return;
        }
        try {
            cache.delete(key);
        } catch (RuntimeException e) {
            cacheError(fillErrors, "lease release", e);
        }
    }

    private void fill(String key, Optional<byte[]> value, long version, byte[] lease) {
        byte[] entry;
        Duration ttl;
        if (value.isEmpty()) {
            if (negativeTtl == null) {
                releaseLease(key, lease);
                return;
            }
            ttl = negativeTtl;
            entry = CacheEntry.encode(CacheEntry.Kind.ABSENT, new byte[0], System.currentTimeMillis() + ttl.toMillis(), checksums);
        } else {
            if (value.get().length > maxCachedSize) {
                oversize.increment();
                releaseLease(key, lease);
                return;
            }
            ttl = entryTtl;
            entry = CacheEntry.encode(CacheEntry.Kind.VALUE, value.get(), ttl == null ? 0 : System.currentTimeMillis() + ttl.toMillis(),
                    checksums);
        }
        try {
            boolean written;
            if (heap != null) {
                // Checked and written atomically, so no reader ever sees a fill that lost to a write.
                if (heap.fillIfUnchanged(key, entry, ttl, versions, stripe(key), version)) {
                    fills.increment();
                } else {
                    fillsDiscarded.increment();
                }
                return;
            }
            if (lease != null) {
                written = ttl != null ? cache.compareAndSet(key, lease, entry, ttl) : cache.compareAndSet(key, lease, entry);
            } else {
                if (ttl != null && cacheHasTtl) {
                    cache.put(key, entry, ttl);
                } else {
                    cache.put(key, entry);
                }
                written = true;
            }
            if (!written) {
                fillsDiscarded.increment();
                return;
            }
            fills.increment();
            if (versions.get(stripe(key)) != version) {
                cache.delete(key);
                fillsDiscarded.increment();
            }
        } catch (RuntimeException e) {
            cacheError(fillErrors, "fill", e);
        }
    }

    // ---- writes ---------------------------------------------------------------------------------

    /** Runs a store write between two version bumps, then invalidates the key, whether the write failed or not. */
    private void writing(String key, Runnable write) {
        versions.incrementAndGet(stripe(key));
        try {
            write.run();
        } finally {
            written(key);
        }
    }

    /**
     * After a store write of the key: bumps its version, so a fill that read before the write undoes
     * itself; forgets the key's load in flight, so a read that starts now loads again instead of
     * joining a load that may have read the old value; and invalidates the cached entry.
     */
    private void written(String key) {
        versions.incrementAndGet(stripe(key));
        inFlight.remove(key);
        invalidate(key);
    }

    private void invalidate(String key) {
        try {
            cache.delete(key);
            suspects.remove(key);
        } catch (RuntimeException e) {
            cacheError(invalidateErrors, "invalidate", e);
            if (suspects.size() >= maxSuspects) {
                bypass.set(true);
            } else {
                suspects.add(key);
            }
        }
    }

    /** While the tier is bypassed, tries now and then to clear it; once cleared it is trusted again. */
    private void tryRecover() {
        if (bypassed.sum() % 1000 != 0) {
            return;
        }
        try (Stream<String> keys = cache.keys("")) {
            cache.deleteAll(keys.toList());
            suspects.clear();
            bypass.set(false);
        } catch (RuntimeException e) {
            // Still unhealthy: keep bypassing.
        }
    }

    @Override
    protected void doPut(String key, byte[] value, Duration ttl) {
        writing(key, () -> store.put(key, value));
        if (writeThrough) {
            long version = versions.get(stripe(key));
            fill(key, Optional.of(value), version, null);
        }
    }

    @Override
    protected void doPut(String key, InputStream data, Duration ttl) {
        writing(key, () -> store.put(key, data));
    }

    @Override
    protected boolean doPutIfAbsent(String key, byte[] value, Duration ttl) {
        boolean[] result = new boolean[1];
        writing(key, () -> result[0] = store.putIfAbsent(key, value));
        return result[0];
    }

    @Override
    protected boolean doCompareAndSet(String key, byte[] expected, byte[] replacement, Duration ttl) {
        boolean[] result = new boolean[1];
        writing(key, () -> result[0] = store.compareAndSet(key, expected, replacement));
        return result[0];
    }

    @Override
    protected void doDelete(String key) {
        writing(key, () -> store.delete(key));
    }

    @Override
    protected void doDeleteAll(List<String> keys) {
        keys.forEach(k -> versions.incrementAndGet(stripe(k)));
        try {
            store.deleteAll(keys);
        } finally {
            for (String key : keys) {
                written(key);
            }
        }
    }

    @Override
    protected void doCopy(String from, String to) {
        writing(to, () -> store.copy(from, to));
    }

    @Override
    protected void doMove(String from, String to) {
        versions.incrementAndGet(stripe(from));
        try {
            writing(to, () -> store.move(from, to));
        } finally {
            written(from);
        }
    }

    // ---- pass-through -------------------------------------------------------------------------

    @Override
    protected Stream<String> doKeys(String prefix) {
        return store.keys(prefix);
    }

    @Override
    protected Stream<String> doPrefixes(String prefix, String delimiter) {
        return store.prefixes(prefix, delimiter);
    }

    @Override
    protected URI doUrl(String key) {
        return store.url(key);
    }

    @Override
    protected void doClose() {
        try {
            cache.close();
        } finally {
            store.close();
        }
    }
}
