package org.kvcaches.tck.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kvcaches.api.Capability;

/**
 * A cache contract area: a read fills the cache, and no fill that raced with a write, in this process,
 * leaves the old value; every kind of write invalidates. Part of {@link CacheContract}.
 */
public interface FillRaceContract extends CacheDecoratorContract {

    @Test
    default void aReadFillsTheCacheSoARepeatedReadDoesNotReachTheStore(CacheRig rig) {
        byte[] v1 = CacheRig.value("v1");
        rig.rawStore().put("k", v1);
        assertArrayEquals(v1, rig.decorated().get("k"));
        int reads = rig.store().reads("k");
        assertArrayEquals(v1, rig.decorated().get("k"));
        assertArrayEquals(v1, rig.decorated().find("k").orElseThrow());
        assertEquals(reads, rig.store().reads("k"), "the repeated reads were served by the cache, not the store");
        assertTrue(rig.rawCacheHolds("k", v1), "the cache store " + rig.rawCache() + " holds the value");
    }

    @ParameterizedTest
    @EnumSource(CacheWrite.class)
    default void aFillThatStartsBeforeAWriteAndEndsAfterItNeverLeavesTheOldValue(CacheWrite write, CacheRig rig) {
        rig.assumeDecoratedClaims(write.needs());
        byte[] v1 = CacheRig.value("old");
        byte[] v2 = CacheRig.value("new");
        rig.rawStore().put("k", v1);
        ControlledStore.Gate gate = rig.hold("k");
        CompletableFuture<Optional<byte[]>> reader = CacheRig.async(() -> rig.decorated().find("k"));
        gate.awaitArrival();
        byte[] expected = write.apply(rig.decorated(), rig.rawStore(), "k", v1, v2);
        gate.release();
        CacheRig.join(reader);
        rig.assertServes("k", expected, v1, "a fill holding the old value finished after " + write);
    }

    @Test
    default void aReadAfterAWriteNeverReturnsALoadStartedBeforeTheWrite(CacheRig rig) {
        byte[] v1 = CacheRig.value("old");
        byte[] v2 = CacheRig.value("new");
        rig.rawStore().put("k", v1);
        ControlledStore.Gate gate = rig.hold("k");
        CompletableFuture<Optional<byte[]>> early = CacheRig.async(() -> rig.decorated().find("k"));
        gate.awaitArrival();
        rig.decorated().put("k", v2);
        CompletableFuture<Optional<byte[]>> late = CacheRig.async(() -> rig.decorated().find("k"));
        try {
            CacheRig.assertValue(v2, late.get(10, TimeUnit.SECONDS), "a read that started after the write returned");
        } catch (TimeoutException e) {
            throw new AssertionError("a read that started after the write waited for the load that started before it", e);
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("the read after the write failed: " + e, e);
        } finally {
            gate.release();
        }
        CacheRig.join(early);
        rig.assertServes("k", v2, v1, "after a load that started before the write finished");
    }

    @ParameterizedTest
    @EnumSource(CacheWrite.class)
    default void everyKindOfWriteInvalidatesTheCachedValue(CacheWrite write, CacheRig rig) {
        rig.assumeDecoratedClaims(write.needs());
        byte[] v1 = CacheRig.value("old");
        byte[] v2 = CacheRig.value("new");
        rig.rawStore().put("k", v1);
        assertArrayEquals(v1, rig.decorated().get("k"));
        assertArrayEquals(v1, rig.decorated().get("k"));
        byte[] expected = write.apply(rig.decorated(), rig.rawStore(), "k", v1, v2);
        rig.assertServes("k", expected, v1, "after " + write);
    }

    @Test
    default void putIfAbsentAfterACachedAbsenceIsSeen(CacheRig rig) {
        rig.assumeDecoratedClaims(Capability.PUT_IF_ABSENT);
        assertTrue(rig.decorated().find("k").isEmpty());
        assertFalse(rig.decorated().contains("k"));
        byte[] v = CacheRig.value("v");
        assertTrue(rig.decorated().putIfAbsent("k", v));
        rig.assertServes("k", v, new byte[] {0x7f, 0x00, 0x7f}, "after putIfAbsent");
    }
}
