package org.kvcaches.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KvException;
import org.kvcaches.api.spi.AbstractKeyValueStore;

/**
 * The {@code heap:} store: a bounded Caffeine cache of byte arrays, evicting by entry count or by
 * bytes (a weigher counts key and value lengths), with a default age limit and per-entry TTLs.
 * Conditional writes are atomic through the cache's map view. Evicted keys are simply gone: this is a
 * cache tier, not an authoritative store.
 */
final class HeapStore extends AbstractKeyValueStore implements InProcessCache {
    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            Capability.TTL, Capability.PUT_IF_ABSENT, Capability.COMPARE_AND_SET, Capability.SERVER_SIDE_COPY));
    private static final long FOREVER = Long.MAX_VALUE;

    /** A value and its own time to live in nanoseconds ({@code FOREVER} for the store's default). */
    private record Entry(byte[] value, long ttlNanos) {
    }

    private final Cache<String, Entry> cache;
    private final ConcurrentMap<String, Entry> map;
    /** The write stamps of every {@link CacheDecorator} over this store, by key stripe. */
    private final AtomicLongArray writeStamps = new AtomicLongArray(StampedFillGuard.STRIPES);

    HeapStore(String description, long maxEntries, long maxBytes, Duration expireAfterWrite) {
        super(description);
        long defaultNanos = expireAfterWrite == null ? FOREVER : expireAfterWrite.toNanos();
        // Maintenance (eviction, expiry) runs on the calling thread: a few amortised steps are cheaper
        // than waking a pool thread on every write, which doubled the cost of a cache miss.
        Caffeine<Object, Object> builder = Caffeine.newBuilder().executor(Runnable::run);
        if (maxBytes > 0) {
            builder.maximumWeight(maxBytes).weigher((String k, Entry e) -> (int) Math.min(Integer.MAX_VALUE, k.length() + e.value().length + 48L));
        } else if (maxEntries > 0) {
            builder.maximumSize(maxEntries);
        }
        this.cache = builder.expireAfter(new Expiry<String, Entry>() {
            @Override
            public long expireAfterCreate(String key, Entry entry, long now) {
                return entry.ttlNanos() == FOREVER ? defaultNanos : entry.ttlNanos();
            }

            @Override
            public long expireAfterUpdate(String key, Entry entry, long now, long current) {
                return expireAfterCreate(key, entry, now);
            }

            @Override
            public long expireAfterRead(String key, Entry entry, long now, long current) {
                return current;
            }
        }).build();
        this.map = cache.asMap();
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    private static Entry entry(byte[] value, Duration ttl) {
        return new Entry(value, ttl == null ? FOREVER : ttl.toNanos());
    }

    private Entry existing(String key) {
        Entry entry = cache.getIfPresent(key);
        if (entry == null) {
            throw new KeyNotFoundException(key);
        }
        return entry;
    }

    @Override
    protected InputStream doOpen(String key) {
        return new ByteArrayInputStream(existing(key).value());
    }

    @Override
    protected byte[] doGet(String key) {
        return existing(key).value().clone();
    }

    @Override
    protected Optional<byte[]> doFind(String key) {
        Entry entry = cache.getIfPresent(key);
        return entry == null ? Optional.empty() : Optional.of(entry.value().clone());
    }

    @Override
    public byte[] peek(String key) {
        ensureOpen();
        Entry entry = cache.getIfPresent(key);
        return entry == null ? null : entry.value();
    }

    @Override
    public long writeStamp(String key) {
        return writeStamps.get(StampedFillGuard.stripe(key));
    }

    @Override
    public void recordWrite(String key) {
        writeStamps.incrementAndGet(StampedFillGuard.stripe(key));
    }

    @Override
    public void clear() {
        for (int i = 0; i < writeStamps.length(); i++) {
            writeStamps.incrementAndGet(i);
        }
        cache.invalidateAll();
    }

    /** Checked under the key's lock (the map's compute), so a concurrent delete cannot slip in between. */
    @Override
    public boolean fillIfUnchanged(String key, byte[] entry, Duration ttl, long stamp) {
        Entry fresh = entry(entry, ttl);
        int stripe = StampedFillGuard.stripe(key);
        return map.compute(key, (k, current) -> writeStamps.get(stripe) == stamp ? fresh : current) == fresh;
    }

    @Override
    protected long doSize(String key) {
        return existing(key).value().length;
    }

    @Override
    protected boolean doContains(String key) {
        return cache.getIfPresent(key) != null;
    }

    @Override
    protected void doPut(String key, InputStream data, Duration ttl) {
        try {
            doPut(key, data.readAllBytes(), ttl);
        } catch (IOException e) {
            throw new KvException("cannot read the value for key '" + key + "' of " + this + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected void doPut(String key, byte[] value, Duration ttl) {
        cache.put(key, entry(value, ttl));
    }

    @Override
    protected boolean doPutIfAbsent(String key, byte[] value, Duration ttl) {
        Entry fresh = entry(value, ttl);
        return map.putIfAbsent(key, fresh) == null;
    }

    @Override
    protected boolean doCompareAndSet(String key, byte[] expected, byte[] replacement, Duration ttl) {
        Entry fresh = entry(replacement, ttl);
        Entry result = map.computeIfPresent(key, (k, current) -> Arrays.equals(current.value(), expected) ? fresh : current);
        return result == fresh;
    }

    @Override
    protected void doDelete(String key) {
        cache.invalidate(key);
    }

    @Override
    protected Stream<String> doKeys(String prefix) {
        return map.keySet().stream().filter(k -> k.startsWith(prefix));
    }

    @Override
    protected void doCopy(String from, String to) {
        cache.put(to, new Entry(existing(from).value(), FOREVER));
    }

    @Override
    protected void doClose() {
        cache.invalidateAll();
        cache.cleanUp();
    }
}
