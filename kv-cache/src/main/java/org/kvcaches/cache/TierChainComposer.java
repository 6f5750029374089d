package org.kvcaches.cache;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.StoreUriException;
import org.kvcaches.api.spi.StoreOption;
import org.kvcaches.api.spi.StoreOptions;
import org.kvcaches.api.spi.StoreUri;
import org.kvcaches.api.spi.TierComposer;

/**
 * Turns a tier chain such as {@code heap://?maxBytes=64MiB | redis://cache/0 | s3://bucket} into
 * nested {@link CacheDecorator}s: each tier caches everything below it, so a miss in an upper tier is
 * filled from the next one down and a write invalidates from the bottom tier upward.
 *
 * <p>A cache tier's options prefixed {@code cache.} set the {@link CacheDecorator.Builder} of the
 * decorator that the tier forms with the tiers below it, one option per builder method
 * ({@code heap://?cache.entryTtl=5m | redis://h/0?cache.maxCachedSize=1MiB | file:///d}); the
 * builder's defaults apply to the rest, except that a cache tier which cannot take leases (such as
 * {@code file:}) gets entries of at most {@link CacheDecorator#DEFAULT_UNLEASED_ENTRY_TTL} unless it
 * gives {@code cache.entryTtl}.
 */
public final class TierChainComposer implements TierComposer {
    private static final Set<Capability> LEASE_CAPABILITIES = Set.of(Capability.TTL, Capability.PUT_IF_ABSENT,
            Capability.COMPARE_AND_SET);

    static final StoreOption<Long> MAX_CACHED_SIZE = StoreOption.size("cache.maxCachedSize",
            "values larger than this are streamed from the tiers below and not cached").withDefault(CacheDecorator.DEFAULT_MAX_CACHED_SIZE);
    static final StoreOption<Boolean> WRITE_THROUGH = StoreOption.flag("cache.writeThrough",
            "a put also fills this tier, instead of invalidating it").withDefault(CacheDecorator.DEFAULT_WRITE_THROUGH);
    static final StoreOption<Duration> ENTRY_TTL = unleasedDefault(StoreOption.duration("cache.entryTtl",
            "the most an entry lives in this tier"));
    static final StoreOption<Duration> NEGATIVE_TTL = StoreOption.duration("cache.negativeTtl",
            "how long this tier remembers that a key is absent").withDefaultText("not remembered");
    static final StoreOption<Duration> LEASE_TTL = StoreOption.duration("cache.leaseTtl",
            "how long a fill's lease marker lives in this tier").withDefault(CacheDecorator.DEFAULT_LEASE_TTL);
    static final StoreOption<Boolean> LEASES = StoreOption.flag("cache.leases",
            "arbitrate fills across processes with leases when this tier can take them").withDefault(CacheDecorator.DEFAULT_LEASES);
    static final StoreOption<Integer> MAX_SUSPECTS = StoreOption.integer("cache.maxSuspects", 0, Integer.MAX_VALUE,
            "keys whose invalidation failed that are tolerated before this tier is bypassed").withDefault(CacheDecorator.DEFAULT_MAX_SUSPECTS);

    private static StoreOption<Duration> unleasedDefault(StoreOption<Duration> option) {
        return option.withDefaultText("none; " + option.format(CacheDecorator.DEFAULT_UNLEASED_ENTRY_TTL)
                + " on a tier that cannot take leases");
    }

    @Override
    public List<StoreOption<?>> options() {
        return List.of(MAX_CACHED_SIZE, WRITE_THROUGH, ENTRY_TTL, NEGATIVE_TTL, LEASE_TTL, LEASES, MAX_SUSPECTS);
    }

    @Override
    public KeyValueStore compose(List<StoreUri> uris, List<KeyValueStore> tiers) {
        KeyValueStore below = tiers.get(tiers.size() - 1);
        for (int i = tiers.size() - 2; i >= 0; i--) {
            KeyValueStore cache = tiers.get(i);
            StoreOptions options = uris.get(i).options();
            CacheDecorator.Builder builder = CacheDecorator.builder(cache, below);
            options.get(MAX_CACHED_SIZE).ifPresent(builder::maxCachedSize);
            options.get(WRITE_THROUGH).ifPresent(builder::writeThrough);
            Optional<Duration> entryTtl = options.get(ENTRY_TTL);
            if (entryTtl.isPresent()) {
                builder.entryTtl(entryTtl.get());
            } else if (!cache.capabilities().containsAll(LEASE_CAPABILITIES)) {
                builder.entryTtl(CacheDecorator.DEFAULT_UNLEASED_ENTRY_TTL);
            }
            options.get(NEGATIVE_TTL).ifPresent(builder::negativeTtl);
            options.get(LEASE_TTL).ifPresent(builder::leaseTtl);
            options.get(LEASES).ifPresent(builder::leases);
            options.get(MAX_SUSPECTS).ifPresent(builder::maxSuspects);
            try {
                below = builder.build();
            } catch (IllegalStateException e) {
                throw new StoreUriException("tier " + (i + 1) + " of " + tiers.size() + " ('" + uris.get(i) + "') is used without"
                        + " leases (cache.leases=false), so a fill from another process sharing it could leave a stale value;"
                        + " add cache.entryTtl to bound how long, e.g. cache.entryTtl=" + ENTRY_TTL.format(CacheDecorator.DEFAULT_UNLEASED_ENTRY_TTL), e);
            }
        }
        return below;
    }
}
