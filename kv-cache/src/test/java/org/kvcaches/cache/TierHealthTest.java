package org.kvcaches.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.tck.cache.ControlledStore;

class TierHealthTest {
    private static final Duration BOUND = Duration.ofMillis(300);

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aSuspectKeyIsAdmittedOnlyAfterItsDeleteSucceeds() {
        KeyValueStore mem = KeyValueStores.open("mem:");
        ControlledStore cache = ControlledStore.wrap(mem);
        try (TierHealth health = new TierHealth(cache, 10, BOUND, new StatsCounter())) {
            mem.put("k", new byte[] {1});
            cache.failNext(ControlledStore.Operation.DELETE, Integer.MAX_VALUE);
            health.invalidationFailed("k");
            assertFalse(health.admits("k"), "a suspect whose delete fails is not served");
            assertTrue(health.admits("other"), "other keys are still served");
            cache.heal();
            assertTrue(health.admits("k"));
            assertFalse(mem.contains("k"), "admitting the suspect deleted its possibly stale entry first");
        }
    }

    @Test
    void aFailedInvalidationIsRepairedInTheBackgroundWithoutAnyRead() throws InterruptedException {
        KeyValueStore mem = KeyValueStores.open("mem:");
        ControlledStore cache = ControlledStore.wrap(mem);
        StatsCounter stats = new StatsCounter();
        try (TierHealth health = new TierHealth(cache, 10, BOUND, stats)) {
            mem.put("k", new byte[] {1});
            cache.failNext(ControlledStore.Operation.DELETE, 3);
            health.invalidationFailed("k");
            await(() -> !mem.contains("k"), "the retried delete removed the stale entry");
            await(() -> health.pendingRepairs() == 0, "nothing is pending");
            assertEquals(1, stats.count(StatsCounter.Event.INVALIDATION_REPAIRED));
        }
    }

    @Test
    void pastMaxSuspectsTheTierIsDistrustedForOneBoundThenTrustedAgainWithoutClearingIt() throws InterruptedException {
        KeyValueStore mem = KeyValueStores.open("mem:");
        ControlledStore cache = ControlledStore.wrap(mem);
        mem.put("not-ours", new byte[] {9});
        StatsCounter stats = new StatsCounter();
        try (TierHealth health = new TierHealth(cache, 2, BOUND, stats)) {
            cache.failNext(ControlledStore.Operation.DELETE, Integer.MAX_VALUE);
            health.invalidationFailed("a");
            health.invalidationFailed("b");
            health.invalidationFailed("c");
            assertEquals(1, stats.count(StatsCounter.Event.INVALIDATION_DROPPED));
            assertFalse(health.admits("unrelated"), "the tier is distrusted while a dropped invalidation may be stale");
            Thread.sleep(BOUND.toMillis() + 100);
            assertTrue(health.admits("unrelated"), "after one bound every entry that could be stale has expired");
            assertTrue(mem.contains("not-ours"), "recovery never lists and deletes the tier");
        }
    }

    @Test
    void aSuccessfulInvalidationClearsTheSuspect() {
        ControlledStore cache = ControlledStore.wrap(KeyValueStores.open("mem:"));
        try (TierHealth health = new TierHealth(cache, 10, BOUND, new StatsCounter())) {
            cache.failNext(ControlledStore.Operation.DELETE, Integer.MAX_VALUE);
            health.invalidationFailed("k");
            long mark = health.beforeInvalidation("k");
            health.invalidated("k", mark);
            assertTrue(health.admits("k"), "no delete is needed for a key no longer suspect");
        }
    }

    @Test
    void anInvalidationThatStartedBeforeALaterFailureDoesNotClearIt() {
        ControlledStore cache = ControlledStore.wrap(KeyValueStores.open("mem:"));
        try (TierHealth health = new TierHealth(cache, 10, BOUND, new StatsCounter())) {
            cache.failNext(ControlledStore.Operation.DELETE, Integer.MAX_VALUE);
            long before = health.beforeInvalidation("k");
            health.invalidationFailed("k"); // another write's invalidation fails meanwhile
            health.invalidated("k", before); // the earlier invalidation reports success afterwards
            assertFalse(health.admits("k"), "the later failure still distrusts the key");
        }
    }
}
