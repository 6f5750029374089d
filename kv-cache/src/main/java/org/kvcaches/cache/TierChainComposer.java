package org.kvcaches.cache;

import java.util.List;
import java.util.Set;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.spi.StoreUri;
import org.kvcaches.api.spi.TierComposer;

/**
 * Turns a tier chain such as {@code heap://?maxBytes=64MiB | redis://cache/0 | s3://bucket} into
 * nested {@link CacheDecorator}s: each tier caches everything below it, so a miss in an upper tier is
 * filled from the next one down and a write invalidates from the bottom tier upward. Decorators use
 * the builder's defaults, except that a cache tier which cannot take leases (such as {@code file:})
 * gets entries of at most {@link CacheDecorator#DEFAULT_UNLEASED_ENTRY_TTL}; build the decorators with
 * {@link CacheDecorator#builder} to change options.
 */
public final class TierChainComposer implements TierComposer {
    private static final Set<Capability> LEASE_CAPABILITIES = Set.of(Capability.TTL, Capability.PUT_IF_ABSENT,
            Capability.COMPARE_AND_SET);

    @Override
    public KeyValueStore compose(List<StoreUri> uris, List<KeyValueStore> tiers) {
        KeyValueStore below = tiers.get(tiers.size() - 1);
        for (int i = tiers.size() - 2; i >= 0; i--) {
            KeyValueStore cache = tiers.get(i);
            CacheDecorator.Builder builder = CacheDecorator.builder(cache, below);
            if (!cache.capabilities().containsAll(LEASE_CAPABILITIES)) {
                builder.entryTtl(CacheDecorator.DEFAULT_UNLEASED_ENTRY_TTL);
            }
            below = builder.build();
        }
        return below;
    }
}
