package org.kvcaches.api.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KvException;
import org.kvcaches.api.ListedValue;
import org.kvcaches.api.ValueInfo;
import org.kvcaches.api.spi.AbstractKeyValueStore;

/**
 * The {@code mem:} store: values in a {@link ConcurrentHashMap}, so reads take no lock and each key's
 * conditional writes are atomic. Values are immutable arrays, copied in and out. Expired entries are
 * dropped when met and swept every few thousand writes. Each entry keeps the time it was written, its
 * last-modified time; it has no version.
 */
final class MemoryStore extends AbstractKeyValueStore {
    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            Capability.TTL, Capability.PUT_IF_ABSENT, Capability.COMPARE_AND_SET, Capability.SERVER_SIDE_COPY,
            Capability.LAST_MODIFIED));
    private static final long NEVER = Long.MAX_VALUE;
    private static final int SWEEP_EVERY = 4096;

    private final ConcurrentMap<String, Entry> data;
    private final Runnable onClose;
    private final AtomicLong writes = new AtomicLong();

    /**
     * A value, when it expires in {@link System#nanoTime()} terms ({@code NEVER} for never), and when
     * it was written.
     */
    record Entry(byte[] value, long expiresAt, Instant modified) {
        boolean live(long now) {
            return expiresAt == NEVER || expiresAt - now > 0;
        }
    }

    /**
     * @param description the redacted URI
     * @param data the entries, shared by the stores of one {@code mem://name}
     * @param onClose what to do when this store is closed
     */
    MemoryStore(String description, ConcurrentMap<String, Entry> data, Runnable onClose) {
        super(description);
        this.data = data;
        this.onClose = onClose;
    }

    /** @return an empty map for a store's data */
    static ConcurrentMap<String, Entry> newData() {
        return new ConcurrentHashMap<>();
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    private Entry live(String key) {
        Entry entry = data.get(key);
        if (entry == null) {
            return null;
        }
        if (!entry.live(System.nanoTime())) {
            data.remove(key, entry);
            return null;
        }
        return entry;
    }

    private Entry existing(String key) {
        Entry entry = live(key);
        if (entry == null) {
            throw new KeyNotFoundException(key);
        }
        return entry;
    }

    private static Entry entry(byte[] value, Duration ttl) {
        if (ttl == null) {
            return new Entry(value, NEVER, Instant.now());
        }
        long nanos;
        try {
            nanos = ttl.toNanos();
        } catch (ArithmeticException e) {
            return new Entry(value, NEVER, Instant.now());
        }
        long expiresAt = System.nanoTime() + nanos;
        return new Entry(value, expiresAt == NEVER ? NEVER - 1 : expiresAt, Instant.now());
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
        Entry entry = live(key);
        return entry == null ? Optional.empty() : Optional.of(entry.value().clone());
    }

    @Override
    protected long doSize(String key) {
        return existing(key).value().length;
    }

    @Override
    protected boolean doContains(String key) {
        return live(key) != null;
    }

    @Override
    protected Optional<ValueInfo> doStat(String key) {
        Entry entry = live(key);
        return entry == null ? Optional.empty() : Optional.of(ValueInfo.of(entry.value().length, entry.modified(), null));
    }

    @Override
    protected void doPut(String key, InputStream in, Duration ttl) {
        byte[] value;
        try {
            value = in.readAllBytes();
        } catch (IOException e) {
            throw new KvException("cannot read the value for key '" + key + "' of " + this + ": " + e.getMessage(), e);
        }
        doPut(key, value, ttl);
    }

    @Override
    protected void doPut(String key, byte[] value, Duration ttl) {
        data.put(key, entry(value, ttl));
        if (writes.incrementAndGet() % SWEEP_EVERY == 0) {
            long now = System.nanoTime();
            data.entrySet().removeIf(e -> !e.getValue().live(now));
        }
    }

    @Override
    protected boolean doPutIfAbsent(String key, byte[] value, Duration ttl) {
        Entry fresh = entry(value, ttl);
        long now = System.nanoTime();
        Entry result = data.compute(key, (k, current) -> current != null && current.live(now) ? current : fresh);
        return result == fresh;
    }

    @Override
    protected boolean doCompareAndSet(String key, byte[] expected, byte[] replacement, Duration ttl) {
        Entry fresh = entry(replacement, ttl);
        long now = System.nanoTime();
        Entry result = data.computeIfPresent(key, (k, current) ->
                current.live(now) && Arrays.equals(current.value(), expected) ? fresh : current);
        return result == fresh;
    }

    @Override
    protected void doDelete(String key) {
        data.remove(key);
    }

    @Override
    protected Stream<String> doKeys(String prefix) {
        return data.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && e.getValue().live(System.nanoTime()))
                .map(java.util.Map.Entry::getKey);
    }

    @Override
    protected Stream<ListedValue> doList(String prefix) {
        return data.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && e.getValue().live(System.nanoTime()))
                .map(e -> new ListedValue(e.getKey(), ValueInfo.of(e.getValue().value().length, e.getValue().modified(), null)));
    }

    @Override
    protected void doCopy(String from, String to) {
        data.put(to, new Entry(existing(from).value(), NEVER, Instant.now()));
    }

    @Override
    protected void doMove(String from, String to) {
        Entry entry = existing(from);
        // A move renames: the value keeps the time it was written, as a file keeps its own.
        data.put(to, new Entry(entry.value(), entry.expiresAt(), entry.modified()));
        data.remove(from, entry);
    }

    @Override
    protected void doClose() {
        onClose.run();
    }
}
