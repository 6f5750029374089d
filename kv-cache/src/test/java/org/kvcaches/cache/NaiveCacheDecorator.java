package org.kvcaches.cache;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.spi.ForwardingKeyValueStore;

/**
 * The seed's algorithm (simplekv's {@code CacheDecorator}), kept as the planted defect the cache
 * contract and the stress test must catch: a read tries the cache, on a miss or a cache read error
 * reads the store and puts the value into the cache; a write goes to the store and then deletes the
 * key from the cache. Fill and invalidation errors reach the caller, as in the seed; there is no
 * single flight, no race protection and no size limit.
 */
final class NaiveCacheDecorator extends ForwardingKeyValueStore {
    private final KeyValueStore cache;
    private final KeyValueStore store;
    private final Set<Capability> capabilities;

    NaiveCacheDecorator(KeyValueStore cache, KeyValueStore store) {
        super("naive(" + cache + " | " + store + ")", store);
        this.cache = cache;
        this.store = delegate();
        EnumSet<Capability> kept = EnumSet.noneOf(Capability.class);
        kept.addAll(store.capabilities());
        kept.remove(Capability.TTL);
        this.capabilities = Set.copyOf(kept);
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    protected Optional<byte[]> doFind(String key) {
        try {
            Optional<byte[]> cached = cache.find(key);
            if (cached.isPresent()) {
                return cached;
            }
        } catch (RuntimeException e) {
            // The seed ignores a failed cache read and asks the store.
        }
        Optional<byte[]> value = store.find(key);
        value.ifPresent(v -> cache.put(key, v));
        return value;
    }

    @Override
    protected byte[] doGet(String key) {
        return doFind(key).orElseThrow(() -> new KeyNotFoundException(key));
    }

    @Override
    protected InputStream doOpen(String key) {
        return new ByteArrayInputStream(doGet(key));
    }

    private void writing(String key, Runnable write) {
        try {
            write.run();
        } finally {
            cache.delete(key);
        }
    }

    @Override
    protected void doPut(String key, InputStream data, Duration ttl) {
        writing(key, () -> store.put(key, data));
    }

    @Override
    protected void doPut(String key, byte[] value, Duration ttl) {
        writing(key, () -> store.put(key, value));
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
        try {
            store.deleteAll(keys);
        } finally {
            cache.deleteAll(keys);
        }
    }

    @Override
    protected void doCopy(String from, String to) {
        writing(to, () -> store.copy(from, to));
    }

    @Override
    protected void doMove(String from, String to) {
        try {
            writing(to, () -> store.move(from, to));
        } finally {
            cache.delete(from);
        }
    }

    @Override
    protected void doClose() {
        try {
            cache.close();
        } finally {
            super.doClose();
        }
    }
}
