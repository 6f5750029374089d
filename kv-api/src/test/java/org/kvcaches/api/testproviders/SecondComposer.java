package org.kvcaches.api.testproviders;

import java.util.List;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.spi.StoreUri;
import org.kvcaches.api.spi.TierComposer;

/** A second tier composer, listed only by the class loaders that KeyValueStoresTest builds. */
public final class SecondComposer implements TierComposer {
    @Override
    public KeyValueStore compose(List<StoreUri> uris, List<KeyValueStore> tiers) {
        return tiers.get(0);
    }
}
