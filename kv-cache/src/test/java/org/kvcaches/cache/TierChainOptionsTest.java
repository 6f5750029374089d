package org.kvcaches.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.StoreUriException;

/** A chain string sets every option of the decorators it builds, through {@code cache.} options on the cache tiers. */
class TierChainOptionsTest {
    @TempDir
    Path folder;

    private static CacheDecorator open(String chain) {
        return assertInstanceOf(CacheDecorator.class, KeyValueStores.open(chain));
    }

    @Test
    void maxCachedSizeStreamsLargerValuesWithoutCachingThem() {
        try (CacheDecorator chain = open("heap://?cache.maxCachedSize=1KiB | mem:")) {
            chain.put("big", new byte[2048]);
            chain.put("small", new byte[1024]);
            chain.get("big");
            chain.get("small");
            assertEquals(1, chain.stats().oversizeSkipCount());
            assertEquals(Optional.empty(), chain.cacheStore().find("big"));
        }
    }

    @Test
    void writeThroughFillsTheCacheOnPut() {
        try (CacheDecorator chain = open("heap://?cache.writeThrough=true | mem:")) {
            chain.put("k", new byte[] {7});
            assertEquals(7, chain.get("k")[0]);
            assertEquals(1, chain.stats().hitCount());
            assertEquals(0, chain.stats().missCount());
        }
    }

    @Test
    void negativeTtlRemembersAbsentKeys() {
        try (CacheDecorator chain = open("heap://?cache.negativeTtl=1h | mem:")) {
            chain.find("absent");
            chain.find("absent");
            assertEquals(1, chain.stats().missCount());
            assertEquals(1, chain.stats().hitCount());
        }
    }

    @Test
    void entryTtlAgesEntriesOut() throws InterruptedException {
        try (CacheDecorator chain = open("heap://?cache.entryTtl=1ms | mem:")) {
            chain.put("k", new byte[] {1});
            chain.get("k");
            Thread.sleep(20);
            chain.get("k");
            assertEquals(2, chain.stats().missCount());
        }
    }

    @Test
    void entryTtlReplacesTheDefaultAgeBoundOfAnUnleasedTier() {
        try (CacheDecorator chain = open(folder.toUri() + "?cache.entryTtl=10m | mem:")) {
            assertEquals(CacheDecorator.Consistency.AGE_BOUNDED, chain.consistency());
        }
    }

    @Test
    void leasesOffLeavesATierThatCouldTakeThemAgeBounded() {
        try (CacheDecorator chain = open("mem:?cache.leases=false&cache.leaseTtl=2s&cache.maxSuspects=1 | mem:")) {
            assertEquals(CacheDecorator.Consistency.AGE_BOUNDED, chain.consistency());
        }
        try (CacheDecorator chain = open("heap://?cache.leases=off | mem:")) {
            assertEquals(CacheDecorator.Consistency.ARBITRATED, chain.consistency());
        }
    }

    @Test
    void maxStalenessReplacesTheTiersShareOfTheDefaultBound() {
        try (CacheDecorator chain = open("heap://?cache.maxStaleness=5m&cache.verifyRate=0.5 | mem:")) {
            assertEquals(Duration.ofMinutes(5), chain.staleness().maxStaleness());
        }
        try (CacheDecorator chain = open("heap:// | mem: | mem:")) {
            assertEquals(CacheDecorator.DEFAULT_MAX_STALENESS.dividedBy(2), chain.staleness().maxStaleness());
        }
    }

    @Test
    void eachTierConfiguresTheDecoratorItFormsWithTheTiersBelow() {
        try (CacheDecorator chain = open("heap://?cache.maxCachedSize=1KiB | mem:?cache.maxCachedSize=4KiB | mem:")) {
            CacheDecorator lower = assertInstanceOf(CacheDecorator.class, chain.backingStore());
            chain.put("k", new byte[2048]);
            chain.get("k");
            assertEquals(1, chain.stats().oversizeSkipCount());
            assertEquals(0, lower.stats().oversizeSkipCount());
            assertEquals(1, lower.stats().missCount());
        }
    }

    @Test
    void badCacheOptionsAreNamedBeforeAnyTierOpens() {
        for (String chain : List.of("heap://?cache.maxSuspects=0 | mem:", "heap://?cache.verifyRate=2 | mem:", "heap://?cache.maxCachedSize=-1 | mem:",
                "heap://?cache.entryTtl=0ms | mem:", "heap://?cache.leaseTtl=9999999999999d | mem:", "heap://?cache.writeThrough=maybe | mem:")) {
            StoreUriException e = assertThrows(StoreUriException.class, () -> KeyValueStores.open(chain), chain);
            assertTrue(e.getMessage().startsWith("tier 1 of 2") && e.getMessage().contains("option 'cache."), e.getMessage());
        }
        StoreUriException e = assertThrows(StoreUriException.class, () -> KeyValueStores.open("heap://?cache.ttl=1m | mem:"));
        assertTrue(e.getMessage().contains("allowed cache options: cache.entryTtl, cache.failureThreshold, cache.leaseTtl,"
                + " cache.leaseWait, cache.leases, cache.maxCachedSize, cache.maxStaleness, cache.maxSuspects, cache.negativeTtl,"
                + " cache.probeInterval, cache.readDeadline, cache.verifyRate, cache.writeThrough"), e.getMessage());
    }

    @Test
    void heapOptionsAreCheckedLikeEveryOther() {
        for (String uri : List.of("heap://?maxBytes=0", "heap://?maxEntries=0", "heap://?expireAfterWrite=0s", "heap://?maxBytes=1MiB&maxEntries=5")) {
            assertThrows(StoreUriException.class, () -> KeyValueStores.open(uri), uri);
        }
    }
}
