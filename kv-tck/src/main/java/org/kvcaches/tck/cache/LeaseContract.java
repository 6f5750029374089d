package org.kvcaches.tck.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.tck.Requires;

/**
 * A cache contract area: fills arbitrated across decorators that share a cache store with TTL, put-if-
 * absent and compare-and-set, as other processes would, also when a fill outlives its lease. Part of {@link CacheContract}.
 */
public interface LeaseContract extends CacheDecoratorContract {

    @Test
    @Requires({Capability.TTL, Capability.PUT_IF_ABSENT, Capability.COMPARE_AND_SET})
    default void aFillRacingAWriteInAnotherInstanceNeverLeavesTheOldValue(CacheRig rig) {
        KeyValueStore other = rig.anotherInstance();
        byte[] v1 = CacheRig.value("old");
        byte[] v2 = CacheRig.value("new");
        rig.rawStore().put("k", v1);
        ControlledStore.Gate gate = rig.hold("k");
        CompletableFuture<Optional<byte[]>> reader = CacheRig.async(() -> rig.decorated().find("k"));
        gate.awaitArrival();
        other.put("k", v2);
        gate.release();
        CacheRig.join(reader);
        CacheRig.assertValue(v2, other.find("k"), "read through the writing instance");
        rig.assertServes("k", v2, v1, "a fill holding the old value finished after another instance wrote");
    }

    @Test
    @Requires({Capability.TTL, Capability.PUT_IF_ABSENT, Capability.COMPARE_AND_SET})
    default void aLeaseThatExpiresMidFillDoesNotStoreTheOldValue(CacheRig rig) throws InterruptedException {
        Duration ttl = rig.leaseTtl();
        KeyValueStore other = rig.anotherInstance();
        byte[] v1 = CacheRig.value("old");
        byte[] v2 = CacheRig.value("new");
        rig.rawStore().put("k", v1);
        ControlledStore.Gate gate = rig.hold("k");
        CompletableFuture<Optional<byte[]>> reader = CacheRig.async(() -> rig.decorated().find("k"));
        gate.awaitArrival();
        CacheRig.outlive(ttl);
        other.put("k", v2);
        CacheRig.assertValue(v2, other.find("k"), "read through the writing instance while the first fill is still held");
        gate.release();
        CacheRig.join(reader);
        rig.assertServes("k", v2, v1, "a fill whose lease expired finished after another instance wrote");
    }

    @Test
    @Requires({Capability.TTL, Capability.PUT_IF_ABSENT, Capability.COMPARE_AND_SET})
    default void aLeaseOfAFillThatNeverFinishesExpiresSoTheKeyIsCachedAgain(CacheRig rig) throws InterruptedException {
        Duration ttl = rig.leaseTtl();
        KeyValueStore other = rig.anotherInstance();
        byte[] v1 = CacheRig.value("v1");
        rig.rawStore().put("k", v1);
        ControlledStore.Gate gate = rig.hold("k");
        CompletableFuture<Optional<byte[]>> stuck = CacheRig.async(() -> rig.decorated().find("k"));
        gate.awaitArrival();
        CacheRig.outlive(ttl);
        assertArrayEquals(v1, other.get("k"));
        int reads = rig.store().reads("k");
        assertArrayEquals(v1, other.get("k"));
        assertEquals(reads, rig.store().reads("k"), "once the stuck fill's lease expired, another instance cached the key");
        gate.release();
        CacheRig.join(stuck);
    }
}
