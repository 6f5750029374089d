package org.kvcaches.tck;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.spi.AbstractKeyValueStore;

/** A correct store that forwards every hook to a {@code mem:} store; each planted defect overrides one hook. */
class ForwardingStore extends AbstractKeyValueStore {
    final KeyValueStore inner = KeyValueStores.open("mem:");

    ForwardingStore(String description) {
        super(description);
    }

    @Override
    public Set<Capability> capabilities() {
        return inner.capabilities();
    }

    @Override
    protected InputStream doOpen(String key) {
        return inner.open(key);
    }

    @Override
    protected InputStream doOpen(String key, long offset, long length) {
        return inner.open(key, offset, length);
    }

    @Override
    protected byte[] doGet(String key) {
        return inner.get(key);
    }

    @Override
    protected Optional<byte[]> doFind(String key) {
        return inner.find(key);
    }

    @Override
    protected boolean doContains(String key) {
        return inner.contains(key);
    }

    @Override
    protected long doSize(String key) {
        return inner.size(key);
    }

    @Override
    protected void doPut(String key, InputStream data, Duration ttl) {
        if (ttl == null) {
            inner.put(key, data);
        } else {
            inner.put(key, data, ttl);
        }
    }

    @Override
    protected void doPut(String key, byte[] value, Duration ttl) {
        if (ttl == null) {
            inner.put(key, value);
        } else {
            inner.put(key, value, ttl);
        }
    }

    @Override
    protected boolean doPutIfAbsent(String key, byte[] value, Duration ttl) {
        return ttl == null ? inner.putIfAbsent(key, value) : inner.putIfAbsent(key, value, ttl);
    }

    @Override
    protected boolean doCompareAndSet(String key, byte[] expected, byte[] replacement, Duration ttl) {
        return ttl == null ? inner.compareAndSet(key, expected, replacement) : inner.compareAndSet(key, expected, replacement, ttl);
    }

    @Override
    protected void doDelete(String key) {
        inner.delete(key);
    }

    @Override
    protected Stream<String> doKeys(String prefix) {
        return inner.keys(prefix);
    }

    @Override
    protected Stream<String> doPrefixes(String prefix, String delimiter) {
        return inner.prefixes(prefix, delimiter);
    }

    @Override
    protected Map<String, byte[]> doGetAll(List<String> keys) {
        return inner.getAll(keys);
    }

    @Override
    protected void doDeleteAll(List<String> keys) {
        inner.deleteAll(keys);
    }

    @Override
    protected void doCopy(String from, String to) {
        inner.copy(from, to);
    }

    @Override
    protected void doMove(String from, String to) {
        inner.move(from, to);
    }

    @Override
    protected void doClose() {
        inner.close();
    }
}
