package org.kvcaches.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.cache.BreakerState;
import org.kvcaches.cache.CacheDecorator;
import org.kvcaches.cache.CacheStats;
import org.kvcaches.cache.StalenessContract;

/**
 * The tiers of an opened store: for a chain {@code a | b | c}, the decorators {@code a | (b | c)}
 * and {@code b | c}, each with the cache tier it reads first, then the authoritative {@code c}.
 * A plain store is one authoritative tier.
 */
final class Tiers {
    private final List<CacheDecorator> decorators = new ArrayList<>();
    private final KeyValueStore authoritative;

    Tiers(KeyValueStore store) {
        KeyValueStore current = store;
        while (current instanceof CacheDecorator decorator) {
            decorators.add(decorator);
            current = decorator.backingStore();
        }
        authoritative = current;
    }

    /** @return each tier's own store, fastest first, authoritative last */
    List<KeyValueStore> stores() {
        List<KeyValueStore> stores = new ArrayList<>();
        decorators.forEach(d -> stores.add(d.cacheStore()));
        stores.add(authoritative);
        return stores;
    }

    /**
     * @param tier a cache tier's index, fastest first
     * @return how its decorator protects it from stale fills
     */
    CacheDecorator.Consistency consistency(int tier) {
        return decorators.get(tier).consistency();
    }

    /** @return what a cache tier promises about stale reads across processes */
    StalenessContract staleness(int tier) {
        return decorators.get(tier).staleness();
    }

    /** @return the state of a cache tier's circuit breaker */
    BreakerState breakerState(int tier) {
        return decorators.get(tier).breakerState();
    }

    /** @return the counters of every cache tier now, to subtract from a later snapshot */
    List<CacheStats> snapshot() {
        List<CacheStats> stats = new ArrayList<>();
        decorators.forEach(d -> stats.add(d.stats()));
        return stats;
    }

    /**
     * What each tier did between two snapshots.
     *
     * @param before the snapshot at the start
     * @param after the snapshot at the end
     * @param reads how many reads the workload made, which all reach the first tier
     * @return one row per tier, fastest first
     */
    List<Map<String, Object>> report(List<CacheStats> before, List<CacheStats> after, long reads) {
        List<Map<String, Object>> rows = new ArrayList<>();
        long reaching = reads;
        for (int i = 0; i < decorators.size(); i++) {
            CacheStats d = after.get(i).minus(before.get(i));
            long loads = d.loadSuccessCount() + d.loadFailureCount();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("tier", i + 1);
            row.put("store", decorators.get(i).cacheStore().toString());
            row.put("role", "cache");
            row.put("reads", d.requestCount());
            row.put("hits", d.hitCount());
            row.put("misses", d.missCount());
            row.put("hitRatio", d.requestCount() == 0 ? null : d.hitRate());
            row.put("loads", loads);
            row.put("coalesced", d.coalescedWaitCount());
            row.put("fills", d.fillCount());
            row.put("fillsDiscarded", d.fillDiscardedCount());
            row.put("errors", d.cacheReadErrorCount() + d.cacheFillErrorCount() + d.cacheInvalidateErrorCount());
            row.put("bypassed", d.bypassedReadCount());
            row.put("breaker", decorators.get(i).breakerState().name());
            row.put("breakerOpened", d.breakerOpenedCount());
            row.put("breakerSkipped", d.breakerSkipCount());
            row.put("deadlineFallbacks", d.deadlineFallbackCount());
            row.put("peerInvalidations", d.peerInvalidationCount());
            row.put("linkLosses", d.linkLossCount());
            row.put("leaseWaits", d.leaseWaitCount());
            row.put("probedHits", d.probedHitCount());
            row.put("staleHits", d.staleHitCount());
            row.put("probe", d.probeSummary());
            rows.add(row);
            reaching = loads;
        }
        Map<String, Object> last = new LinkedHashMap<>();
        last.put("tier", decorators.size() + 1);
        last.put("store", authoritative.toString());
        last.put("role", "authoritative");
        last.put("reads", reaching);
        rows.add(last);
        return rows;
    }
}
