package org.kvcaches.cli;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;

/** The commands on {@code mem://NAME}, kept alive between commands by a store this test holds open. */
class MemCommandsTest extends CommandContract {
    private String uri;
    private KeyValueStore holder;

    @BeforeEach
    void open() {
        uri = "mem://cli-" + UUID.randomUUID();
        holder = KeyValueStores.open(uri);
    }

    @AfterEach
    void close() {
        holder.close();
    }

    @Override
    String store() {
        return uri;
    }
}
