package org.kvcaches.api.testproviders;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.spi.StoreOption;
import org.kvcaches.api.spi.StoreUri;
import org.kvcaches.api.spi.TierComposer;

/** Records the chains it is given and returns the authoritative tier. */
public final class RecordingComposer implements TierComposer {
    /** The URIs of every composed chain. */
    public static final List<List<StoreUri>> CHAINS = new CopyOnWriteArrayList<>();
    /** A cache option, as kv-cache declares its own. */
    public static final StoreOption<Long> MAX_SIZE = StoreOption.size("cache.maxSize", "a size");

    @Override
    public List<StoreOption<?>> options() {
        return List.of(MAX_SIZE, StoreOption.flag("cache.flag", "a flag"));
    }

    @Override
    public KeyValueStore compose(List<StoreUri> uris, List<KeyValueStore> tiers) {
        CHAINS.add(uris);
        return tiers.get(tiers.size() - 1);
    }
}
