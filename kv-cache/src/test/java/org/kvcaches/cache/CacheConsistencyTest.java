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

/** A decorator says how far it protects its cache, and one that cannot lease must bound entry age. */
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
        }
    }

    @Test
    void aCacheThatCannotLeaseNeedsAnEntryTtl() {
        KeyValueStore fileCache = KeyValueStores.open(folder.toUri().toString());
        KeyValueStore store = KeyValueStores.open("mem:");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CacheDecorator.builder(fileCache, store).build());
        assertTrue(e.getMessage().contains("cannot take leases") && e.getMessage().contains("entryTtl"), e.getMessage());
        try (CacheDecorator decorator = CacheDecorator.builder(fileCache, store).entryTtl(Duration.ofSeconds(30)).build()) {
            assertEquals(CacheDecorator.Consistency.AGE_BOUNDED, decorator.consistency());
        }
    }

    @Test
    void turningLeasesOffAlsoNeedsAnEntryTtl() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CacheDecorator.builder(KeyValueStores.open("mem:"), KeyValueStores.open("mem:")).leases(false).build());
        assertTrue(e.getMessage().contains("without leases"), e.getMessage());
    }

    @Test
    void aChainGivesAnUnleasedTierTheDefaultAgeBound() {
        try (KeyValueStore chain = KeyValueStores.open(folder.toUri() + " | mem:")) {
            CacheDecorator decorator = assertInstanceOf(CacheDecorator.class, chain);
            assertEquals(CacheDecorator.Consistency.AGE_BOUNDED, decorator.consistency());
            chain.put("k", new byte[] {1});
            assertEquals(1, chain.get("k")[0]);
        }
    }
}
