package org.kvcaches.api.testproviders;

import java.util.Set;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.spi.StoreProvider;
import org.kvcaches.api.spi.StoreUri;

/** A provider that cannot be constructed, listed only by the class loaders that KeyValueStoresTest builds. */
public final class ThrowingProvider implements StoreProvider {
    /** Fails as a provider whose licence check or configuration fails would. */
    public ThrowingProvider() {
        throw new IllegalStateException("no licence for the throwing store");
    }

    @Override
    public Set<String> schemes() {
        return Set.of("throwing");
    }

    @Override
    public KeyValueStore open(StoreUri uri) {
        throw new UnsupportedOperationException("never constructed");
    }
}
