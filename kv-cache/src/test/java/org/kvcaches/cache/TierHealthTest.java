package org.kvcaches.cache;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.tck.cache.ControlledStore;

class TierHealthTest {

    @Test
    void aSuspectKeyIsAdmittedOnlyAfterItsDeleteSucceeds() {
        KeyValueStore mem = KeyValueStores.open("mem:");
        ControlledStore cache = ControlledStore.wrap(mem);
        TierHealth health = new TierHealth(cache, 10);
        mem.put("k", new byte[] {1});
        health.invalidationFailed("k");
        cache.failNext(ControlledStore.Operation.DELETE, Integer.MAX_VALUE);
        assertFalse(health.admits("k"), "a suspect whose delete fails is not served");
        assertTrue(health.admits("other"), "other keys are still served");
        cache.heal();
        assertTrue(health.admits("k"));
        assertFalse(mem.contains("k"), "admitting the suspect deleted its possibly stale entry first");
    }

    @Test
    void pastMaxSuspectsTheWholeTierIsBypassed() {
        TierHealth health = new TierHealth(KeyValueStores.open("mem:"), 2);
        health.invalidationFailed("a");
        health.invalidationFailed("b");
        health.invalidationFailed("c");
        assertFalse(health.admits("unrelated"));
    }

    @Test
    void aSuccessfulInvalidationClearsTheSuspect() {
        ControlledStore cache = ControlledStore.wrap(KeyValueStores.open("mem:"));
        TierHealth health = new TierHealth(cache, 10);
        health.invalidationFailed("k");
        health.invalidated("k");
        cache.failNext(ControlledStore.Operation.DELETE, Integer.MAX_VALUE);
        assertTrue(health.admits("k"), "no delete is needed for a key no longer suspect");
    }
}
