package org.kvcaches.api.testproviders;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.KvException;
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

    @Override
    public Set<String> options(String scheme) {
        return Set.of("size", "flag", "password");
    }

    @Override
    public KeyValueStore open(StoreUri uri) {
        if (uri.scheme().equals("broken")) {
            throw new KvException("cannot reach " + uri + ": connection refused; check that the server runs");
        }
        uri.options().size("size", 0);
        OPENED.add(uri);
        KeyValueStore store = KeyValueStores.open("mem:");
        STORES.add(store);
        return store;
    }
}
