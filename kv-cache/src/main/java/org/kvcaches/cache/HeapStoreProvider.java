package org.kvcaches.cache;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.StoreUriException;
import org.kvcaches.api.spi.StoreOption;
import org.kvcaches.api.spi.StoreProvider;
import org.kvcaches.api.spi.StoreUri;

/**
 * Serves {@code heap:}: {@code heap:} or {@code heap://?maxBytes=64MiB&expireAfterWrite=10m}. The cache
 * is bounded by {@code maxBytes} or {@code maxEntries} (one of the two); see {@link #options(String)}.
 * Every open gives a new, private cache.
 */
public final class HeapStoreProvider implements StoreProvider {
    /** The bound when none is given. */
    static final long DEFAULT_MAX_BYTES = 64L << 20;

    static final StoreOption<Long> MAX_BYTES = StoreOption.size("maxBytes",
            "most bytes of keys and values held (each entry weighs its key, its value and 48); not with maxEntries")
            .withDefault(DEFAULT_MAX_BYTES);
    static final StoreOption<Integer> MAX_ENTRIES = StoreOption.integer("maxEntries", 1, Integer.MAX_VALUE,
            "most entries held, instead of maxBytes");
    static final StoreOption<Duration> EXPIRE_AFTER_WRITE = StoreOption.duration("expireAfterWrite",
            "how long an entry lives after it was written").withDefaultText("never");

    @Override
    public Set<String> schemes() {
        return Set.of("heap");
    }

    @Override
    public List<StoreOption<?>> options(String scheme) {
        return List.of(MAX_BYTES, MAX_ENTRIES, EXPIRE_AFTER_WRITE);
    }

    @Override
    public Optional<String> artifact() {
        return Optional.of("org.kvcaches:kv-cache");
    }

    /** @return true: every open of {@code heap:} is a new cache that only its opener sees */
    @Override
    public boolean opensPrivateStore(StoreUri uri) {
        return true;
    }

    @Override
    public KeyValueStore open(StoreUri uri) {
        if (!uri.hosts().isEmpty() || !(uri.path().isEmpty() || uri.path().equals("/"))) {
            throw new StoreUriException("store URI '" + uri + "' has a host or path; a heap store is heap: or heap://?maxBytes=64MiB");
        }
        Optional<Long> maxBytes = uri.options().get(MAX_BYTES);
        Optional<Integer> maxEntries = uri.options().get(MAX_ENTRIES);
        if (maxBytes.isPresent() && maxEntries.isPresent()) {
            throw new StoreUriException("store URI '" + uri + "' gives both maxBytes and maxEntries; a heap store is bounded by one of them");
        }
        long bytes = maxEntries.isPresent() ? 0 : uri.options().getOrDefault(MAX_BYTES);
        return new HeapStore(uri.toString(), maxEntries.orElse(0), bytes, uri.options().get(EXPIRE_AFTER_WRITE).orElse(null));
    }
}
