package org.kvcaches.api.spi;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.ListedValue;
import org.kvcaches.api.ValueInfo;

/**
 * A store that forwards every hook to a delegate, for decorators that override only what they
 * change (the shape of OpenDAL's {@code LayeredAccessor} and Okio's {@code ForwardingSource}). The
 * public methods of {@link AbstractKeyValueStore} check keys, arguments and capabilities once, here;
 * the delegate is then called through its hooks without checking them again
 * ({@link AbstractKeyValueStore#trusted(KeyValueStore)}). Capabilities are the delegate's unless
 * overridden; a {@code null} time to live is forwarded as the call without one.
 *
 * <p>Closing this store closes the delegate. Thread safety is the delegate's.
 */
public abstract class ForwardingKeyValueStore extends AbstractKeyValueStore {
    private final KeyValueStore delegate;

    /**
     * @param description what {@link #toString()} shows; must hold no secret
     * @param delegate the store every hook forwards to
     */
    protected ForwardingKeyValueStore(String description, KeyValueStore delegate) {
        super(description);
        this.delegate = trusted(Objects.requireNonNull(delegate, "delegate"));
    }

    /** @return the store below, as this store calls it (keys are not re-checked) */
    protected final KeyValueStore delegate() {
        return delegate;
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    protected InputStream doOpen(String key) {
        return delegate.open(key);
    }

    @Override
    protected InputStream doOpen(String key, long offset, long length) {
        return delegate.open(key, offset, length);
    }

    @Override
    protected byte[] doGet(String key) {
        return delegate.get(key);
    }

    @Override
    protected Optional<byte[]> doFind(String key) {
        return delegate.find(key);
    }

    @Override
    protected long doSize(String key) {
        return delegate.size(key);
    }

    @Override
    protected boolean doContains(String key) {
        return delegate.contains(key);
    }

    @Override
    protected Optional<ValueInfo> doStat(String key) {
        return delegate.stat(key);
    }

    @Override
    protected void doPut(String key, InputStream data, Duration ttl) {
        if (ttl == null) {
            delegate.put(key, data);
        } else {
            delegate.put(key, data, ttl);
        }
    }

    @Override
    protected void doPut(String key, byte[] value, Duration ttl) {
        if (ttl == null) {
            delegate.put(key, value);
        } else {
            delegate.put(key, value, ttl);
        }
    }

    @Override
    protected boolean doPutIfAbsent(String key, byte[] value, Duration ttl) {
        return ttl == null ? delegate.putIfAbsent(key, value) : delegate.putIfAbsent(key, value, ttl);
    }

    @Override
    protected boolean doCompareAndSet(String key, byte[] expected, byte[] replacement, Duration ttl) {
        return ttl == null ? delegate.compareAndSet(key, expected, replacement)
                : delegate.compareAndSet(key, expected, replacement, ttl);
    }

    @Override
    protected void doDelete(String key) {
        delegate.delete(key);
    }

    @Override
    protected Map<String, byte[]> doGetAll(List<String> keys) {
        return delegate.getAll(keys);
    }

    @Override
    protected void doDeleteAll(List<String> keys) {
        delegate.deleteAll(keys);
    }

    @Override
    protected Stream<String> doKeys(String prefix) {
        return delegate.keys(prefix);
    }

    @Override
    protected Stream<ListedValue> doList(String prefix) {
        return delegate.list(prefix);
    }

    @Override
    protected Stream<String> doPrefixes(String prefix, String delimiter) {
        return delegate.prefixes(prefix, delimiter);
    }

    @Override
    protected void doCopy(String from, String to) {
        delegate.copy(from, to);
    }

    @Override
    protected void doMove(String from, String to) {
        delegate.move(from, to);
    }

    @Override
    protected URI doUrl(String key) {
        return delegate.url(key);
    }

    @Override
    protected void doClose() {
        delegate.close();
    }
}
