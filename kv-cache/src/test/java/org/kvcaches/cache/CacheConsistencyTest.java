package org.kvcaches.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;

/** A decorator says how far it protects its cache from stale fills, and every entry has a hard age bound. */
class CacheConsistencyTest {
    @TempDir
    Path folder;

    @Test
    void aHeapCacheOrOneThatCanLeaseIsArbitrated() {
        try (CacheDecorator decorator = CacheDecorator.builder(KeyValueStores.open("heap:"), KeyValueStores.open("mem:")).build()) {
            assertEquals(CacheDecorator.Consistency.ARBITRATED, decorator.consistency());
        }
        try (CacheDecorator decorator = CacheDecorator.builder(KeyValueStores.open("mem:"), KeyValueStores.open("mem:")).build()) {
            assertEquals(CacheDecorator.Consistency.ARBITRATED, decorator.consistency());
            assertEquals(StalenessContract.Propagation.SHARED, decorator.staleness().propagation());
        }
    }

    @Test
    void aCacheThatCannotLeaseIsBoundedByAgeAndTheDefaultBoundApplies() {
        KeyValueStore fileCache = KeyValueStores.open(folder.toUri().toString());
        try (CacheDecorator decorator = CacheDecorator.builder(fileCache, KeyValueStores.open("mem:")).build()) {
            assertEquals(CacheDecorator.Consistency.AGE_BOUNDED, decorator.consistency());
            assertEquals(StalenessContract.Propagation.AGE_BOUNDED, decorator.staleness().propagation());
            assertEquals(CacheDecorator.DEFAULT_MAX_STALENESS, decorator.staleness().maxStaleness());
        }
    }

    @Test
    void aPrivateTierWithoutANotifyingTierBelowIsAgeBoundedNotArbitratedAcrossProcesses() {
        try (CacheDecorator decorator = CacheDecorator.builder(KeyValueStores.open("heap:"), KeyValueStores.open("mem:"))
                .maxStaleness(Duration.ofSeconds(10)).build()) {
            assertEquals(StalenessContract.Propagation.AGE_BOUNDED, decorator.staleness().propagation());
            assertEquals(Duration.ofSeconds(10), decorator.staleness().maxStaleness());
            assertTrue(decorator.staleness().toString().contains("PT10S"), decorator.staleness().toString());
        }
    }

    @Test
    void anEntryIsNotServedPastMaxStaleness() throws InterruptedException {
        KeyValueStore store = KeyValueStores.open("mem:");
        try (CacheDecorator decorator = CacheDecorator.builder(KeyValueStores.open("heap:"), store)
                .maxStaleness(Duration.ofMillis(200)).build()) {
            store.put("k", new byte[] {1});
            assertEquals(1, decorator.get("k")[0]);
            store.put("k", new byte[] {2}); // behind the decorator's back: only the age bound can repair this
            assertEquals(1, decorator.get("k")[0], "within the bound the cached value may be served");
            Thread.sleep(400);
            assertEquals(2, decorator.get("k")[0], "past maxStaleness the entry is gone");
        }
    }

    @Test
    void maxStalenessMustBePositive() {
        CacheDecorator.Builder builder = CacheDecorator.builder(KeyValueStores.open("heap:"), KeyValueStores.open("mem:"));
        assertThrows(IllegalArgumentException.class, () -> builder.maxStaleness(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> builder.verifyRate(1.5));
    }

    @Test
    void aChainSplitsTheAgeBoundOverItsCacheTiers() {
        try (KeyValueStore chain = KeyValueStores.open("heap: | " + folder.toUri() + " | mem:")) {
            CacheDecorator top = assertInstanceOf(CacheDecorator.class, chain);
            CacheDecorator below = assertInstanceOf(CacheDecorator.class, top.backingStore());
            assertEquals(Duration.ofSeconds(30), top.staleness().maxStaleness());
            assertEquals(Duration.ofSeconds(30), below.staleness().maxStaleness());
            chain.put("k", new byte[] {1});
            assertEquals(1, chain.get("k")[0]);
        }
    }
}
