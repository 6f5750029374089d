package org.kvcaches.api.testproviders;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.spi.StoreUri;
import org.kvcaches.api.spi.TierComposer;

/** Records the chains it is given and returns the authoritative tier. */
public final class RecordingComposer implements TierComposer {
    /** The URIs of every composed chain. */
    public static final List<List<StoreUri>> CHAINS = new CopyOnWriteArrayList<>();

    @Override
    public KeyValueStore compose(List<StoreUri> uris, List<KeyValueStore> tiers) {
        CHAINS.add(uris);
        return tiers.get(tiers.size() - 1);
    }
}
