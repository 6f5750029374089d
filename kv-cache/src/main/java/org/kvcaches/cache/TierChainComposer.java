package org.kvcaches.cache;

import java.time.Duration;
import java.util.List;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.StoreUriException;
import org.kvcaches.api.spi.ChangeNotifier;
import org.kvcaches.api.spi.StoreOption;
import org.kvcaches.api.spi.StoreOptions;
import org.kvcaches.api.spi.StoreUri;
import org.kvcaches.api.spi.TierComposer;

/**
 * Turns a tier chain such as {@code heap://?maxBytes=64MiB | redis://cache/0?prefix=app-cache: | s3://bucket} into
 * nested {@link CacheDecorator}s: each tier caches everything below it, so a miss in an upper tier is
 * filled from the next one down and a write invalidates from the bottom tier upward.
 *
 * <p>A cache tier's options prefixed {@code cache.} set the {@link CacheDecorator.Builder} of the
 * decorator that the tier forms with the tiers below it, one option per builder method
 * ({@code heap://?cache.entryTtl=5m | redis://h/0?prefix=app-cache:&cache.maxCachedSize=1MiB | file:///d}); the
 * builder's defaults apply to the rest, except the age bound (below).
 *
 * <p>Across processes: when a tier of the chain carries change announcements (a {@code redis:}
 * tier), the first decorator announces every write through it, and, when its cache tier is private
 * to the process ({@code heap:}), listens there for every other process's writes. Every cache tier
 * without {@code cache.maxStaleness} gets an equal share of {@link CacheDecorator#DEFAULT_MAX_STALENESS}
 * as its entries' age bound, so that a value copied down the chain tier by tier is still gone from
 * every tier within the bound.
 */
public final class TierChainComposer implements TierComposer {
    static final StoreOption<Long> MAX_CACHED_SIZE = StoreOption.size("cache.maxCachedSize",
            "values larger than this are streamed from the tiers below and not cached")
            .withDefault(CacheDecorator.Builder.DEFAULT_MAX_CACHED_SIZE);
    static final StoreOption<Boolean> WRITE_THROUGH = StoreOption.flag("cache.writeThrough",
            "a put also fills this tier, instead of invalidating it").withDefault(CacheDecorator.Builder.DEFAULT_WRITE_THROUGH);
    static final StoreOption<Duration> ENTRY_TTL = StoreOption.duration("cache.entryTtl",
            "the most an entry lives in this tier (capped by cache.maxStaleness)");
    static final StoreOption<Duration> NEGATIVE_TTL = StoreOption.duration("cache.negativeTtl",
            "how long this tier remembers that a key is absent").withDefaultText("not remembered");
    static final StoreOption<Duration> LEASE_TTL = StoreOption.duration("cache.leaseTtl",
            "how long a fill's lease marker lives in this tier").withDefault(CacheDecorator.Builder.DEFAULT_LEASE_TTL);
    static final StoreOption<Boolean> LEASES = StoreOption.flag("cache.leases",
            "arbitrate fills across processes with leases when this tier can take them")
            .withDefault(CacheDecorator.Builder.DEFAULT_LEASES);
    static final StoreOption<Integer> MAX_SUSPECTS = StoreOption.integer("cache.maxSuspects", 1, Integer.MAX_VALUE,
            "keys whose invalidation failed that are tolerated before this tier is bypassed")
            .withDefault(CacheDecorator.Builder.DEFAULT_MAX_SUSPECTS);
    static final StoreOption<Duration> MAX_STALENESS = shareOfDefault(StoreOption.duration("cache.maxStaleness",
            "hard age bound of every entry of this tier, whatever else fails"));
    static final StoreOption<Double> VERIFY_RATE = StoreOption.fraction("cache.verifyRate",
            "share of hits re-read from the authoritative store in the background to measure staleness")
            .withDefault(CacheDecorator.Builder.DEFAULT_VERIFY_RATE);

    static final StoreOption<Duration> LEASE_WAIT = StoreOption.duration("cache.leaseWait",
            "how long a miss that finds another process's lease waits for its fill; 0ms never waits")
            .range(Duration.ZERO, StoreOption.DEFAULT_MAX_DURATION).withDefaultText("a fifth of cache.leaseTtl");
    static final StoreOption<Integer> FAILURE_THRESHOLD = StoreOption.integer("cache.failureThreshold", 1, Integer.MAX_VALUE,
            "failed or late calls in a row after which this tier's circuit breaker opens")
            .withDefault(CacheDecorator.DEFAULT_FAILURE_THRESHOLD);
    static final StoreOption<Duration> READ_DEADLINE = StoreOption.duration("cache.readDeadline",
            "how long a read waits for this tier before it reads the tiers below; any slower call counts as failed for the breaker").withDefault(CacheDecorator.DEFAULT_READ_DEADLINE);
    static final StoreOption<Duration> PROBE_INTERVAL = StoreOption.duration("cache.probeInterval",
            "how often an open breaker lets one call through to this tier").withDefault(CacheDecorator.DEFAULT_PROBE_INTERVAL);

    private static StoreOption<Duration> shareOfDefault(StoreOption<Duration> option) {
        return option.withDefaultText(option.format(CacheDecorator.DEFAULT_MAX_STALENESS) + " shared equally among the cache tiers");
    }

    /**
     * A chain only touches keys it wrote: a Redis cache tier without a key prefix would keep its
     * entries among another application's keys in the same database, and its fills and
     * invalidations would overwrite and delete theirs. Such a tier is refused before anything is
     * written.
     */
    private static void requireNamespace(StoreUri uri, int index, int count) {
        boolean redis = uri.scheme().equals("redis") || uri.scheme().equals("rediss");
        if (redis && uri.options().string("prefix").filter(p -> !p.isEmpty()).isEmpty()) {
            throw new StoreUriException("tier " + (index + 1) + " of " + count + " ('" + uri + "') is a Redis cache tier without a"
                    + " namespace: its entries would sit among every other key of that database, and its fills and invalidations"
                    + " would overwrite and delete keys it did not write; give it a key prefix of its own, e.g. ?prefix=app-cache:");
        }
    }

    /**
     * A remote cache tier opens without proving its server answers, so that a chain opens while the
     * tier is down; one call here finds out, and a tier that does not answer starts skipped.
     */
    private static boolean answers(KeyValueStore tier) {
        if (tier instanceof InProcessCache) {
            return true;
        }
        try {
            tier.contains("kv-health-check");
            return true;
        } catch (RuntimeException e) {
            System.getLogger(TierChainComposer.class.getName()).log(System.Logger.Level.WARNING, "cache tier " + tier
                    + " does not answer; the chain reads from the tiers below until it does: " + e.getMessage());
            return false;
        }
    }

    @Override
    public List<StoreOption<?>> options() {
        return List.of(MAX_CACHED_SIZE, WRITE_THROUGH, ENTRY_TTL, NEGATIVE_TTL, LEASE_TTL, LEASES, MAX_SUSPECTS, MAX_STALENESS,
                VERIFY_RATE, LEASE_WAIT, FAILURE_THRESHOLD, READ_DEADLINE, PROBE_INTERVAL);
    }

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
        for (int i = 0; i < cacheTiers; i++) {
            requireNamespace(uris.get(i), i, tiers.size());
        }
        KeyValueStore below = tiers.get(tiers.size() - 1);
        for (int i = tiers.size() - 2; i >= 0; i--) {
            StoreOptions options = uris.get(i).options();
            CacheDecorator.Builder builder = CacheDecorator.builder(tiers.get(i), below)
                    .maxStaleness(options.get(MAX_STALENESS).orElse(perTier));
            if (i == 0) {
                builder.announceThrough(notifier);
            }
            if (!answers(tiers.get(i))) {
                builder.tierDown();
            }
            try {
                options.get(MAX_CACHED_SIZE).ifPresent(builder::maxCachedSize);
                options.get(WRITE_THROUGH).ifPresent(builder::writeThrough);
                options.get(ENTRY_TTL).ifPresent(builder::entryTtl);
                options.get(NEGATIVE_TTL).ifPresent(builder::negativeTtl);
                options.get(LEASE_TTL).ifPresent(builder::leaseTtl);
                options.get(LEASES).ifPresent(builder::leases);
                options.get(MAX_SUSPECTS).ifPresent(builder::maxSuspects);
                options.get(VERIFY_RATE).ifPresent(builder::verifyRate);
                options.get(LEASE_WAIT).ifPresent(builder::leaseWait);
                options.get(FAILURE_THRESHOLD).ifPresent(builder::failureThreshold);
                options.get(READ_DEADLINE).ifPresent(builder::readDeadline);
                options.get(PROBE_INTERVAL).ifPresent(builder::probeInterval);
            } catch (IllegalArgumentException e) {
                throw new StoreUriException("tier " + (i + 1) + " of " + tiers.size() + " ('" + uris.get(i) + "'): " + e.getMessage(), e);
            }
            below = builder.build();
        }
        return below;
    }
}
