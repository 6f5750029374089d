package org.kvcaches.cache;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.StoreUriException;
import org.kvcaches.testservers.RedisTestServers;

/** A chain only ever touches keys it wrote. */
class TierChainOwnershipTest {

    @Test
    void aRedisCacheTierWithoutANamespaceIsRefusedBeforeAnythingIsWritten() {
        String redis = RedisTestServers.standaloneUri() + "/5";
        try (KeyValueStore other = KeyValueStores.open(redis)) {
            other.put("k", new byte[] {42});
            StoreUriException e = assertThrows(StoreUriException.class, () -> KeyValueStores.open("heap: | " + redis + " | mem:"));
            assertTrue(e.getMessage().contains("tier 2 of 3") && e.getMessage().contains("without a namespace")
                    && e.getMessage().contains("?prefix="), e.getMessage());
            assertTrue(other.contains("k"), "another application's key is untouched");
            other.delete("k");
        }
    }

    @Test
    void aNamespacedRedisCacheTierAndARedisAuthorityWithoutOneAreFine() {
        String redis = RedisTestServers.standaloneUri() + "/5";
        try (KeyValueStore chain = KeyValueStores.open("heap: | " + redis + "?prefix=owned: | mem:")) {
            chain.put("k", new byte[] {1});
        }
        try (KeyValueStore chain = KeyValueStores.open("heap: | " + redis)) {
            chain.put("ownership-authority-k", new byte[] {1});
            chain.delete("ownership-authority-k");
        }
    }
}
