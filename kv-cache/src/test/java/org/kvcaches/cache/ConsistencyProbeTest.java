package org.kvcaches.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;

/** The consistency probe counts sampled hits, and a hit the authority no longer holds as stale. */
class ConsistencyProbeTest {

    private static CacheStats awaitProbed(CacheDecorator decorator, long probed) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (decorator.stats().probedHitCount() < probed && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return decorator.stats();
    }

    @Test
    void everySampledHitOfAFreshEntryIsCountedAndNoneIsStale() throws InterruptedException {
        try (CacheDecorator decorator = CacheDecorator.builder(KeyValueStores.open("heap:"), KeyValueStores.open("mem:"))
                .verifyRate(1).build()) {
            decorator.put("k", new byte[] {1});
            for (int i = 0; i < 11; i++) {
                decorator.get("k");
            }
            CacheStats stats = awaitProbed(decorator, 10);
            assertEquals(10, stats.probedHitCount(), stats::toString);
            assertEquals(0, stats.staleHitCount());
            assertEquals("0 stale of 10 sampled hits", stats.probeSummary());
        }
    }

    @Test
    void aChainTakesTheRateByUri() throws InterruptedException {
        try (KeyValueStore chain = KeyValueStores.open("heap://?cache.verifyRate=1 | mem:")) {
            chain.put("k", new byte[] {1});
            for (int i = 0; i < 4; i++) {
                chain.find("k");
            }
            CacheStats stats = awaitProbed((CacheDecorator) chain, 3);
            assertEquals(3, stats.probedHitCount(), stats::toString);
        }
    }

    @Test
    void aHitTheAuthorityNoLongerHoldsIsCountedStaleWithItsAge() throws InterruptedException {
        KeyValueStore store = KeyValueStores.open("mem:");
        try (CacheDecorator decorator = CacheDecorator.builder(KeyValueStores.open("heap:"), store).verifyRate(1).build()) {
            store.put("k", new byte[] {1});
            decorator.get("k");
            store.put("k", new byte[] {2}); // a write that bypasses the chain: the cache cannot know
            decorator.get("k");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (decorator.stats().staleHitCount() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            CacheStats stats = decorator.stats();
            assertEquals(1, stats.staleHitCount(), stats::toString);
            assertTrue(stats.maxStaleAgeMillis() > 0, stats::toString);
        }
    }
}
