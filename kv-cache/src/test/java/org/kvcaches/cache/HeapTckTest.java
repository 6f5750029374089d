package org.kvcaches.cache;

import org.junit.jupiter.api.DisplayName;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.tck.KeyValueStoreContract;
import org.kvcaches.tck.StoreFixture;

/** The whole contract on the {@code heap:} store on its own. */
@DisplayName("TCK: heap:")
class HeapTckTest implements KeyValueStoreContract {
    @Override
    public StoreFixture fixture() {
        return new StoreFixture() {
            @Override
            public KeyValueStore newStore() {
                return KeyValueStores.open("heap://?maxBytes=1GiB");
            }

            @Override
            public String valuesOnTheHeap() {
                return "heap: is a cache in the heap";
            }
        };
    }
}
