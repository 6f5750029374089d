package org.kvcaches.fs;

import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.tck.KeyValueStoreContract;
import org.kvcaches.tck.StoreFixture;

/** The whole contract on Commons VFS {@code ram:}, each test in its own folder. */
class RamStoreTckTest implements KeyValueStoreContract {
    private static int count;

    @Override
    public StoreFixture fixture() {
        return new StoreFixture() {
            @Override
            public KeyValueStore newStore() {
                return KeyValueStores.open("ram:///kv-tck/store-" + System.nanoTime() + "-" + (++count));
            }

            @Override
            public long largeValueSize() {
                // ram: keeps values on the heap by nature; the streaming contract still runs at 16 MiB.
                return 16L << 20;
            }

            @Override
            public String valuesOnTheHeap() {
                return "Commons VFS ram: keeps every file in the heap";
            }
        };
    }
}
