package org.kvcaches.cache;

import org.junit.jupiter.api.DisplayName;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.tck.KeyValueStoreContract;
import org.kvcaches.tck.StoreFixture;

/** The whole contract on the chain {@code mem: | mem:}, opened from its URI. */
@DisplayName("TCK: mem: | mem:")
class MemOverMemTckTest implements KeyValueStoreContract {
    @Override
    public StoreFixture fixture() {
        return new StoreFixture() {
            @Override
            public KeyValueStore newStore() {
                return KeyValueStores.open("mem: | mem:");
            }

            @Override
            public String valuesOnTheHeap() {
                return "both tiers are mem: stores";
            }

            @Override
            public String toString() {
                return "mem: | mem:";
            }
        };
    }
}
