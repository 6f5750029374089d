package org.kvcaches.tck;

import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;

/** The reference: {@code mem:} passes the whole contract. */
class MemoryStoreTckTest implements KeyValueStoreContract {

    @Override
    public StoreFixture fixture() {
        return new StoreFixture() {
            @Override
            public KeyValueStore newStore() {
                return KeyValueStores.open("mem:");
            }

            @Override
            public String valuesOnTheHeap() {
                return "mem: keeps every value in a byte array";
            }

            @Override
            public String toString() {
                return "mem:";
            }
        };
    }
}
