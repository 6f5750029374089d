package org.kvcaches.cache;

import java.time.Duration;
import java.util.List;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.spi.ChangeNotifier;
import org.kvcaches.api.spi.StoreUri;
import org.kvcaches.api.spi.TierComposer;

/**
 * Turns a tier chain such as {@code heap://?maxBytes=64MiB | redis://cache/0 | s3://bucket} into
 * nested {@link CacheDecorator}s: each tier caches everything below it, so a miss in an upper tier is
 * filled from the next one down and a write invalidates from the bottom tier upward.
 *
 * <p>Across processes: when a tier of the chain carries change announcements (a {@code redis:}
 * tier), the first decorator announces every write through it, and, when its cache tier is private
 * to the process ({@code heap:}), listens there for every other process's writes. Every cache tier
 * gets an equal share of {@link CacheDecorator#DEFAULT_MAX_STALENESS} as its entries' age bound, so
 * that a value copied down the chain tier by tier is still gone from every tier within the bound.
 * Build the decorators with {@link CacheDecorator#builder} to change options.
 */
public final class TierChainComposer implements TierComposer {

    @Override
    public KeyValueStore compose(List<StoreUri> uris, List<KeyValueStore> tiers) {
        int cacheTiers = tiers.size() - 1;
        Duration perTier = CacheDecorator.DEFAULT_MAX_STALENESS.dividedBy(cacheTiers);
        ChangeNotifier notifier = null;
        for (KeyValueStore tier : tiers) {
            if (tier instanceof ChangeNotifier n) {
                notifier = n;
                break;
            }
        }
        KeyValueStore below = tiers.get(tiers.size() - 1);
        for (int i = tiers.size() - 2; i >= 0; i--) {
            CacheDecorator.Builder builder = CacheDecorator.builder(tiers.get(i), below).maxStaleness(perTier);
            if (i == 0) {
                builder.announceThrough(notifier);
            }
            below = builder.build();
        }
        return below;
    }
}
