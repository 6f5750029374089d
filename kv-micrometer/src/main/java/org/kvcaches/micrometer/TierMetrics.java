package org.kvcaches.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.cache.CacheDecorator;
import org.kvcaches.cache.CacheStats;

/**
 * Binds the {@link CacheStats} of every cache tier of a chain to a {@link MeterRegistry}, the way
 * Micrometer's {@code CaffeineCacheMetrics} binds a Caffeine cache: function counters (and a time gauge
 * for the one maximum) that read a stats snapshot when the registry publishes, so the read path pays
 * nothing. Each tier's meters carry the tags
 * {@code cache} (the name given), {@code tier} (1 for the fastest), {@code scheme} (the tier store's URI
 * scheme) and {@code consistency}; the standard {@code cache.gets} and {@code cache.puts} come first, so
 * dashboards made for other caches work unchanged. The meter names are listed in the module README.
 *
 * <p>A plain store (not a chain) has no tiers and binds no meters.
 */
public final class TierMetrics implements MeterBinder {
    /**
     * One meter per statistic: its name, the tag that tells its variants apart, and how to read it.
     * A new {@link CacheStats} field is one more line here.
     */
    private static final List<Stat> STATS = List.of(
            new Stat("cache.gets", "The number of reads the tier served from its cache", "result", "hit", CacheStats::hitCount),
            new Stat("cache.gets", "The number of reads the tier could not serve from its cache", "result", "miss", CacheStats::missCount),
            new Stat("cache.puts", "The number of values written into the cache after a load", null, null, CacheStats::fillCount),
            new Stat("cache.load", "The number of loads from the tier below that succeeded", "result", "success", CacheStats::loadSuccessCount),
            new Stat("cache.load", "The number of loads from the tier below that failed", "result", "failure", CacheStats::loadFailureCount),
            new Stat("cache.load.coalesced", "The number of misses that waited for another thread's load of the same key", null, null, CacheStats::coalescedWaitCount),
            new Stat("cache.puts.discarded", "The number of fills given up or undone because a write raced with them", null, null, CacheStats::fillDiscardedCount),
            new Stat("cache.puts.oversize", "The number of values streamed from below and not cached because of their size", null, null, CacheStats::oversizeSkipCount),
            new Stat("cache.errors", "The number of cache reads that failed (served from below)", "operation", "read", CacheStats::cacheReadErrorCount),
            new Stat("cache.errors", "The number of cache fills that failed (the read still succeeded)", "operation", "fill", CacheStats::cacheFillErrorCount),
            new Stat("cache.errors", "The number of invalidations that failed (the key then bypasses the cache)", "operation", "invalidate", CacheStats::cacheInvalidateErrorCount),
            new Stat("cache.entries.corrupt", "The number of cache entries found corrupt, foreign or expired", null, null, CacheStats::corruptEntryCount),
            new Stat("cache.gets.bypassed", "The number of reads sent below because the key or the whole tier was distrusted", null, null, CacheStats::bypassedReadCount),
            new Stat("cache.peer.invalidations", "The number of keys dropped because another process announced a write of them", null, null, CacheStats::peerInvalidationCount),
            new Stat("cache.errors", "The number of announcements of this process's writes that failed (then retried)", "operation", "announce", CacheStats::announceErrorCount),
            new Stat("cache.link.losses", "The number of times the notification link was lost (the tier was flushed and bypassed)", null, null, CacheStats::linkLossCount),
            new Stat("cache.invalidations.repaired", "The number of failed invalidations and announcements repaired by a retry", null, null, CacheStats::invalidationRepairedCount),
            new Stat("cache.invalidations.dropped", "The number of failed invalidations that did not fit the retry queue", null, null, CacheStats::invalidationDroppedCount),
            new Stat("cache.probe.hits", "The number of hits the consistency probe re-read from the authoritative store", null, null, CacheStats::probedHitCount),
            new Stat("cache.probe.stale", "The number of probed hits whose value the authoritative store no longer held", null, null, CacheStats::staleHitCount),
            new Stat("cache.calls.slow", "The number of cache tier calls that answered later than the read deadline", null, null, CacheStats::slowCallCount),
            new Stat("cache.reads.deadline.fallbacks", "The number of cache tier reads that missed the read deadline and were served from the store", null, null, CacheStats::deadlineFallbackCount),
            new Stat("cache.breaker.transitions", "The number of times the tier's circuit breaker opened", "state", "open", CacheStats::breakerOpenedCount),
            new Stat("cache.breaker.transitions", "The number of times the tier's circuit breaker closed after a successful probe", "state", "closed", CacheStats::breakerClosedCount),
            new Stat("cache.breaker.skips", "The number of cache tier calls skipped because the breaker was open", null, null, CacheStats::breakerSkipCount),
            new Stat("cache.lease.waits", "The number of misses that found another process's lease and waited for its fill", null, null, CacheStats::leaseWaitCount),
            new Stat("cache.lease.waits.hit", "The number of lease waits that ended with the other process's value", null, null, CacheStats::leaseWaitHitCount),
            new Stat("cache.lease.waits.timeout", "The number of lease waits that ended without it and read the store", null, null, CacheStats::leaseWaitTimeoutCount),
            Stat.maxMillis("cache.probe.stale.age.max", "The age of the oldest entry the consistency probe found stale", CacheStats::maxStaleAgeMillis));

    private final KeyValueStore chain;
    private final String name;
    private final Tags tags;

    /**
     * @param chain a store opened from a tier chain (nested {@link CacheDecorator}s), or any store
     * @param name the {@code cache} tag's value, telling this chain from others in the registry
     * @param tags more tags for every meter
     */
    public TierMetrics(KeyValueStore chain, String name, Iterable<Tag> tags) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.name = Objects.requireNonNull(name, "name");
        this.tags = Tags.of(tags);
    }

    /**
     * Binds the meters of every tier of a chain and returns the chain, like
     * {@code CaffeineCacheMetrics.monitor}.
     *
     * @param registry where the meters go
     * @param chain a store opened from a tier chain
     * @param name the {@code cache} tag's value
     * @param tags more tags for every meter
     * @return {@code chain}
     */
    public static KeyValueStore monitor(MeterRegistry registry, KeyValueStore chain, String name, Iterable<Tag> tags) {
        new TierMetrics(chain, name, tags).bindTo(registry);
        return chain;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        List<CacheDecorator> tiers = tiers(chain);
        for (int i = 0; i < tiers.size(); i++) {
            CacheDecorator tier = tiers.get(i);
            Tags tierTags = tags.and("cache", name).and("tier", Integer.toString(i + 1))
                    .and("scheme", Schemes.of(tier.cacheStore()))
                    .and("consistency", tier.consistency().name().toLowerCase(Locale.ROOT));
            STATS.forEach(stat -> stat.register(registry, tier, tierTags));
        }
    }

    /** @return the decorators of a chain, fastest tier first; none for a plain store */
    static List<CacheDecorator> tiers(KeyValueStore store) {
        List<CacheDecorator> tiers = new ArrayList<>();
        KeyValueStore current = store;
        while (current instanceof CacheDecorator decorator) {
            tiers.add(decorator);
            current = decorator.backingStore();
        }
        return tiers;
    }

    /**
     * A meter read from a stats snapshot: a counter, or for a maximum a time gauge.
     *
     * @param name the meter name
     * @param description the meter description
     * @param tagKey the tag that tells variants of one name apart, or {@code null}
     * @param tagValue its value for this variant
     * @param read how to read the value from a snapshot
     * @param maxMillis whether the value is a maximum in milliseconds rather than a running count
     */
    private record Stat(String name, String description, String tagKey, String tagValue, ToLongFunction<CacheStats> read,
                        boolean maxMillis) {
        Stat(String name, String description, String tagKey, String tagValue, ToLongFunction<CacheStats> read) {
            this(name, description, tagKey, tagValue, read, false);
        }

        static Stat maxMillis(String name, String description, ToLongFunction<CacheStats> read) {
            return new Stat(name, description, null, null, read, true);
        }

        void register(MeterRegistry registry, CacheDecorator tier, Tags tierTags) {
            Tags all = tagKey == null ? tierTags : tierTags.and(tagKey, tagValue);
            ToDoubleFunction<CacheDecorator> value = decorator -> read.applyAsLong(decorator.stats());
            if (maxMillis) {
                TimeGauge.builder(name, tier, TimeUnit.MILLISECONDS, value).tags(all).description(description).register(registry);
            } else {
                FunctionCounter.builder(name, tier, value).tags(all).description(description).register(registry);
            }
        }
    }
}
