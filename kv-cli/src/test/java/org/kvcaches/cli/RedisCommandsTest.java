package org.kvcaches.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kvcaches.testservers.RedisTestServers;

/** The commands on a real Redis server, each test in its own key prefix. */
class RedisCommandsTest extends CommandContract {
    private final String uri = RedisTestServers.standaloneUri() + "/0?prefix=cli-" + UUID.randomUUID() + ":";

    @Override
    String store() {
        return uri;
    }

    @Test
    void putWithTtlStoresAValueThatExpires() throws InterruptedException {
        assertOk(withStore(new KvRunner().stdin("short-lived"), "put", "--ttl", "300ms", "session"));
        assertEquals("short-lived", kvOn("cat", "session").out());

        Thread.sleep(600);

        KvRunner.Result later = kvOn("cat", "session");
        assertEquals(1, later.code(), later::toString);
        assertTrue(later.stderr().contains("key not found: 'session'"), later::toString);
    }
}
