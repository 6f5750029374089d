package org.kvcaches.cache;

import java.util.List;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.spi.StoreUri;
import org.kvcaches.api.spi.TierComposer;

/**
 * Turns a tier chain such as {@code heap://?maxBytes=64MiB | redis://cache/0 | s3://bucket} into
 * nested {@link CacheDecorator}s: each tier caches everything below it, so a miss in an upper tier is
 * filled from the next one down and a write invalidates from the bottom tier upward. Decorators use
 * the builder's defaults; build them with {@link CacheDecorator#builder} to change options.
 */
public final class TierChainComposer implements TierComposer {

    @Override
    public KeyValueStore compose(List<StoreUri> uris, List<KeyValueStore> tiers) {
        KeyValueStore below = tiers.get(tiers.size() - 1);
        for (int i = tiers.size() - 2; i >= 0; i--) {
            below = CacheDecorator.builder(tiers.get(i), below).build();
        }
        return below;
    }
}
