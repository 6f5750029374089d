package org.kvcaches.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.cache.CacheStats;

class TierMetricsTest {
    @TempDir
    Path folder;

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).functionCounter().count();
    }

    @Test
    void hitsMissesLoadsAndFillsOfAHeapTierOverFileAreCounted() {
        try (KeyValueStore chain = TierMetrics.monitor(registry,
                KeyValueStores.open("heap://?maxEntries=100 | " + folder.toUri()), "users", Tags.of("app", "test"))) {
            chain.put("a", new byte[100]);
            chain.put("b", new byte[200]);
            chain.get("a");                 // miss, load, fill
            chain.get("a");                 // hit
            chain.get("a");                 // hit
            chain.get("b");                 // miss, load, fill
            chain.find("absent");           // miss, load that finds nothing, no fill
            chain.delete("a");              // invalidates a
            // miss: a load that finds nothing
            assertThrows(KeyNotFoundException.class, () -> chain.get("a"));

            String[] tier1 = {"cache", "users", "tier", "1", "scheme", "heap", "app", "test"};
            assertEquals(2, count("cache.gets", concat(tier1, "result", "hit")));
            assertEquals(4, count("cache.gets", concat(tier1, "result", "miss")));
            assertEquals(2, count("cache.puts", tier1));
            assertEquals(4, count("cache.load", concat(tier1, "result", "success")));
            assertEquals(0, count("cache.load", concat(tier1, "result", "failure")));
            assertEquals(0, count("cache.errors", concat(tier1, "operation", "read")));
            assertEquals(0, count("cache.errors", concat(tier1, "operation", "fill")));
            assertEquals(0, count("cache.errors", concat(tier1, "operation", "invalidate")));
        }
    }

    private static String[] concat(String[] tags, String key, String value) {
        String[] all = Arrays.copyOf(tags, tags.length + 2);
        all[tags.length] = key;
        all[tags.length + 1] = value;
        return all;
    }

    @Test
    void everyCacheTierOfAChainGetsItsOwnTierAndSchemeTags() {
        try (KeyValueStore chain = TierMetrics.monitor(registry, KeyValueStores.open(
                "heap:// | mem://tier2-" + UUID.randomUUID() + " | " + folder.toUri()), "three", Tags.empty())) {
            chain.put("k", new byte[10]);
            chain.get("k");                 // misses in both cache tiers, loads from file:
            chain.get("k");                 // hit in tier 1

            assertEquals(1, count("cache.gets", "cache", "three", "tier", "1", "scheme", "heap", "result", "hit"));
            assertEquals(1, count("cache.gets", "cache", "three", "tier", "1", "scheme", "heap", "result", "miss"));
            assertEquals(0, count("cache.gets", "cache", "three", "tier", "2", "scheme", "mem", "result", "hit"));
            assertEquals(1, count("cache.gets", "cache", "three", "tier", "2", "scheme", "mem", "result", "miss"));
            assertEquals(1, count("cache.puts", "cache", "three", "tier", "2"));
        }
    }

    @Test
    void aPlainStoreHasNoTiersAndBindsNoMeters() {
        try (KeyValueStore store = TierMetrics.monitor(registry, KeyValueStores.open("mem:"), "plain", Tags.empty())) {
            store.put("k", new byte[1]);
            assertTrue(registry.getMeters().isEmpty(), () -> registry.getMeters().stream()
                    .map(Meter::getId).toList().toString());
        }
    }

    @Test
    void everyFieldOfCacheStatsIsBoundOncePerTierWithADescription() {
        try (KeyValueStore chain = TierMetrics.monitor(registry, KeyValueStores.open("heap:// | mem:"), "c", Tags.empty())) {
            assertEquals(CacheStats.class.getRecordComponents().length, registry.getMeters().size());
            registry.getMeters().forEach(m -> assertTrue(m.getId().getDescription() != null
                    && !m.getId().getDescription().isBlank(), m.getId()::toString));
        }
    }
}
