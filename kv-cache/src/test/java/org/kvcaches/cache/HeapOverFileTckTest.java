package org.kvcaches.cache;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.tck.KeyValueStoreContract;
import org.kvcaches.tck.StoreFixture;

/** The whole contract on the chain {@code heap | file}, opened from its URI. */
@DisplayName("TCK: heap | file")
class HeapOverFileTckTest implements KeyValueStoreContract {
    @Override
    public StoreFixture fixture() {
        return new StoreFixture() {
            private final Path base = TempFolders.create();
            private int count;

            @Override
            public KeyValueStore newStore() {
                return KeyValueStores.open("heap://?maxBytes=256MiB | " + base.resolve("s" + (++count)).toUri());
            }

            @Override
            public void close() {
                TempFolders.delete(base);
            }

            @Override
            public String toString() {
                return "heap | file";
            }
        };
    }
}
