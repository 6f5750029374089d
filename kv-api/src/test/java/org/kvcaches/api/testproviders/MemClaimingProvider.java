package org.kvcaches.api.testproviders;

import java.util.Set;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.spi.StoreProvider;
import org.kvcaches.api.spi.StoreUri;

/** A third-party provider that claims {@code mem:}, which kv-api's own provider serves. */
public final class MemClaimingProvider implements StoreProvider {
    @Override
    public Set<String> schemes() {
        return Set.of("mem");
    }

    @Override
    public KeyValueStore open(StoreUri uri) {
        throw new IllegalStateException("never opened: mem: has two providers");
    }
}
