package org.kvcaches.api.spi;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.ListedValue;
import org.kvcaches.api.ValueInfo;

/**
 * A view of an {@link AbstractKeyValueStore} for a decorator above it: calls go straight to the
 * store's hooks after its closed check, skipping the key, argument and capability checks and the
 * defensive copies that the outer store's public methods already made. Values passed in become the
 * store's; arrays returned are the caller's, as through the public methods.
 */
final class TrustedView implements KeyValueStore {
    private final AbstractKeyValueStore store;

    TrustedView(AbstractKeyValueStore store) {
        this.store = store;
    }

    private AbstractKeyValueStore open() {
        store.ensureOpen();
        return store;
    }

    @Override
    public byte[] get(String key) {
        return open().doGet(key);
    }

    @Override
    public Optional<byte[]> find(String key) {
        return open().doFind(key);
    }

    @Override
    public InputStream open(String key) {
        return open().doOpen(key);
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        return open().doOpen(key, offset, length);
    }

    @Override
    public long copyTo(String key, OutputStream target) {
        return store.copyTo(key, target);
    }

    @Override
    public long copyTo(String key, Path target) {
        return store.copyTo(key, target);
    }

    @Override
    public long size(String key) {
        return open().doSize(key);
    }

    @Override
    public boolean contains(String key) {
        return open().doContains(key);
    }

    @Override
    public Optional<ValueInfo> stat(String key) {
        return open().doStat(key);
    }

    @Override
    public void put(String key, byte[] value) {
        open().doPut(key, value, null);
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        open().doPut(key, value, ttl);
    }

    @Override
    public void put(String key, InputStream data) {
        open().doPut(key, data, null);
    }

    @Override
    public void put(String key, InputStream data, Duration ttl) {
        open().doPut(key, data, ttl);
    }

    @Override
    public void put(String key, Path source) {
        store.put(key, source);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value) {
        return open().doPutIfAbsent(key, value, null);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
        return open().doPutIfAbsent(key, value, ttl);
    }

    @Override
    public boolean compareAndSet(String key, byte[] expected, byte[] replacement) {
        return open().doCompareAndSet(key, expected, replacement, null);
    }

    @Override
    public boolean compareAndSet(String key, byte[] expected, byte[] replacement, Duration ttl) {
        return open().doCompareAndSet(key, expected, replacement, ttl);
    }

    @Override
    public void delete(String key) {
        open().doDelete(key);
    }

    @Override
    public Map<String, byte[]> getAll(Collection<String> keys) {
        return open().doGetAll(List.copyOf(keys));
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        open().doDeleteAll(List.copyOf(keys));
    }

    @Override
    public Stream<String> keys(String prefix) {
        return open().doKeys(prefix);
    }

    @Override
    public Stream<ListedValue> list(String prefix) {
        return open().doList(prefix);
    }

    @Override
    public Stream<String> prefixes(String prefix, String delimiter) {
        return open().doPrefixes(prefix, delimiter);
    }

    /** Copies within the store; an outer copy of a key onto itself never reaches here. */
    @Override
    public void copy(String from, String to) {
        open().doCopy(from, to);
    }

    /** Moves within the store; an outer move of a key onto itself never reaches here. */
    @Override
    public void move(String from, String to) {
        open().doMove(from, to);
    }

    @Override
    public URI url(String key) {
        return open().doUrl(key);
    }

    @Override
    public Set<Capability> capabilities() {
        return store.capabilities();
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return store.toString();
    }
}
