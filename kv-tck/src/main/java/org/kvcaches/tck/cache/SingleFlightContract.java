package org.kvcaches.tck.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A cache contract area: concurrent misses on one key cost one store read, and a failed load is not
 * cached. Part of {@link CacheContract}.
 */
public interface SingleFlightContract extends CacheDecoratorContract {

    @Test
    default void concurrentMissesOnOneKeyCostOneStoreRead(CacheRig rig) throws InterruptedException {
        int concurrentMisses = 8;
        byte[] v = CacheRig.value("v");
        rig.rawStore().put("k", v);
        ControlledStore.Gate gate = rig.hold("k");
        List<CompletableFuture<byte[]>> results = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < concurrentMisses; i++) {
            CompletableFuture<byte[]> result = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    result.complete(rig.decorated().get("k"));
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            }, "kv-tck-miss-" + i);
            thread.setDaemon(true);
            results.add(result);
            threads.add(thread);
            thread.start();
        }
        gate.awaitArrival();
        awaitAllParked(rig, threads);
        gate.release();
        for (CompletableFuture<byte[]> result : results) {
            assertArrayEquals(v, CacheRig.join(result));
        }
        assertEquals(1, rig.store().reads("k"), concurrentMisses + " concurrent misses on one key read the store once");
    }

    /**
     * Waits until every thread has consulted the cache and is parked (waiting for the held load, or
     * for anything else), so that releasing the load cannot let a late thread miss after it.
     */
    private static void awaitAllParked(CacheRig rig, List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            boolean parked = rig.cache().reads("k") >= threads.size() && threads.stream().allMatch(t -> {
                Thread.State state = t.getState();
                return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED
                        || state == Thread.State.TERMINATED;
            });
            if (parked) {
                return;
            }
            Thread.sleep(1);
        }
    }

    @Test
    default void aFailedLoadIsNotCached(CacheRig rig) {
        byte[] v = CacheRig.value("v");
        rig.rawStore().put("k", v);
        rig.store().failNext(ControlledStore.Operation.READ, 1);
        assertThrows(RuntimeException.class, () -> rig.decorated().get("k"), "the store's failure reaches the caller");
        assertArrayEquals(v, rig.decorated().get("k"), "the next read loads again");
        int reads = rig.store().reads("k");
        assertArrayEquals(v, rig.decorated().get("k"));
        assertEquals(reads, rig.store().reads("k"), "after the failed load, the successful one filled the cache");
    }
}
