package org.kvcaches.api.testproviders;

import java.util.Set;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.spi.StoreProvider;
import org.kvcaches.api.spi.StoreUri;

/** One of two providers that both claim {@code dup:}. */
public final class DuplicateAProvider implements StoreProvider {
    @Override
    public Set<String> schemes() {
        return Set.of("dup");
    }

    @Override
    public KeyValueStore open(StoreUri uri) {
        return KeyValueStores.open("mem:");
    }
}
