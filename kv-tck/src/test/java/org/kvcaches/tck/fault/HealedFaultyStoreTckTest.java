package org.kvcaches.tck.fault;

import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.tck.KeyValueStoreContract;
import org.kvcaches.tck.StoreFixture;

/** With no fault planted, a {@link FaultyStore} is a correct store: it passes the whole contract over {@code mem:}. */
class HealedFaultyStoreTckTest implements KeyValueStoreContract {

    @Override
    public StoreFixture fixture() {
        return new StoreFixture() {
            @Override
            public KeyValueStore newStore() {
                return new FaultyStore(KeyValueStores.open("mem:"));
            }

            @Override
            public String valuesOnTheHeap() {
                return "the faulty store wraps mem:, which keeps every value in the heap";
            }

            @Override
            public String toString() {
                return "faulty(mem:)";
            }
        };
    }
}
