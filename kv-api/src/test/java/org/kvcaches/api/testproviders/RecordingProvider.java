package org.kvcaches.api.testproviders;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.KvException;
import org.kvcaches.api.spi.StoreOption;
import org.kvcaches.api.spi.StoreProvider;
import org.kvcaches.api.spi.StoreUri;

/** Serves {@code test:} (a mem: store, recording the URI) and {@code broken:} (always fails to open). */
public final class RecordingProvider implements StoreProvider {
    /** Every URI opened and every store returned, in order. */
    public static final List<StoreUri> OPENED = new CopyOnWriteArrayList<>();
    /** Every store this provider returned. */
    public static final List<KeyValueStore> STORES = new CopyOnWriteArrayList<>();

    @Override
    public Set<String> schemes() {
        return Set.of("test", "broken");
    }

    /** A size, as the backends declare theirs. */
    public static final StoreOption<Long> SIZE = StoreOption.size("size", "a size");

    @Override
    public List<StoreOption<?>> options(String scheme) {
        return List.of(SIZE, StoreOption.flag("flag", "a flag"), StoreOption.string("password", "a secret").secret());
    }

    @Override
    public KeyValueStore open(StoreUri uri) {
        if (uri.scheme().equals("broken")) {
            throw new KvException("cannot reach " + uri + ": connection refused; check that the server runs");
        }
        uri.options().get(SIZE);
        OPENED.add(uri);
        KeyValueStore store = KeyValueStores.open("mem:");
        STORES.add(store);
        return store;
    }
}
