package org.kvcaches.cache;

import java.time.Duration;
import java.util.Set;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.StoreUriException;
import org.kvcaches.api.spi.StoreProvider;
import org.kvcaches.api.spi.StoreUri;

/**
 * Serves {@code heap:}: {@code heap:} or {@code heap://?maxBytes=64MiB&expireAfterWrite=10m}. Options:
 * {@code maxBytes} (default 64MiB) or {@code maxEntries} (one of the two), and
 * {@code expireAfterWrite} (no default). Every open gives a new, private cache.
 */
public final class HeapStoreProvider implements StoreProvider {
    /** The bound when none is given. */
    static final long DEFAULT_MAX_BYTES = 64L << 20;

    @Override
    public Set<String> schemes() {
        return Set.of("heap");
    }

    @Override
    public Set<String> options(String scheme) {
        return Set.of("maxBytes", "maxEntries", "expireAfterWrite");
    }

    @Override
    public KeyValueStore open(StoreUri uri) {
        if (!uri.hosts().isEmpty() || !(uri.path().isEmpty() || uri.path().equals("/"))) {
            throw new StoreUriException("store URI '" + uri + "' has a host or path; a heap store is heap: or heap://?maxBytes=64MiB");
        }
        boolean bytesGiven = uri.options().string("maxBytes").isPresent();
        boolean entriesGiven = uri.options().string("maxEntries").isPresent();
        if (bytesGiven && entriesGiven) {
            throw new StoreUriException("store URI '" + uri + "' gives both maxBytes and maxEntries; a heap store is bounded by one of them");
        }
        long maxBytes = entriesGiven ? 0 : uri.options().size("maxBytes", DEFAULT_MAX_BYTES);
        long maxEntries = uri.options().integer("maxEntries", 0);
        if ((bytesGiven && maxBytes < 1) || (entriesGiven && maxEntries < 1)) {
            throw new StoreUriException("store URI '" + uri + "': maxBytes and maxEntries must be positive");
        }
        Duration expiry = uri.options().duration("expireAfterWrite", null);
        if (expiry != null && expiry.isZero()) {
            throw new StoreUriException("option 'expireAfterWrite' of store URI '" + uri + "' must be positive");
        }
        return new HeapStore(uri.toString(), maxEntries, maxBytes, expiry);
    }
}
