package org.kvcaches.redis;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.testservers.PrivateRedisServer;
import redis.clients.jedis.Jedis;

/** Scripts go by SHA-1 ({@code EVALSHA}); the text is sent only when the server does not know it. */
@Timeout(60)
class RedisScriptTest {
    /** A server of this class's own (stopped when the JVM exits), since the tests flush or reset it. */
    @RegisterExtension
    static final PrivateRedisServer SERVER = new PrivateRedisServer();

    private static byte[] bytes(String s) {
        return s.getBytes(US_ASCII);
    }

    /** @return how often the server ran the command, from INFO commandstats */
    private static long calls(Jedis admin, String command) {
        return admin.info("commandstats").lines()
                .filter(line -> line.startsWith("cmdstat_" + command + ":"))
                .map(line -> Long.parseLong(line.replaceAll(".*[:,]calls=(\\d+).*", "$1")))
                .findFirst().orElse(0L);
    }

    @Test
    void scriptTextIsSentOnceThenRunBySha() {
        try (Jedis admin = new Jedis("127.0.0.1", SERVER.port());
             KeyValueStore store = KeyValueStores.open("redis://127.0.0.1:" + SERVER.port() + "/0?prefix=sha:")) {
            admin.scriptFlush();
            admin.configResetStat();
            store.put("k", bytes("0"));
            for (int i = 0; i < 5; i++) {
                assertTrue(store.compareAndSet("k", bytes(Integer.toString(i)), bytes(Integer.toString(i + 1))));
            }
            assertEquals(1, calls(admin, "eval"), "the script text went to the server once");
            assertTrue(calls(admin, "evalsha") >= 5, "every compare-and-set ran EVALSHA");
        }
    }

    @Test
    void storeKeepsWorkingAfterTheServerForgetsItsScripts() {
        try (Jedis admin = new Jedis("127.0.0.1", SERVER.port());
             KeyValueStore store = KeyValueStores.open("redis://127.0.0.1:" + SERVER.port() + "/0?prefix=flush:")) {
            byte[] large = new byte[(RedisStore.CHUNK * 2) + 17];
            new Random(7).nextBytes(large);
            store.put("k", bytes("a"));
            assertTrue(store.compareAndSet("k", bytes("a"), bytes("b")));
            store.put("big", new ByteArrayInputStream(large));

            admin.scriptFlush();

            assertTrue(store.compareAndSet("k", bytes("b"), bytes("c")), "compare-and-set after SCRIPT FLUSH");
            assertArrayEquals(bytes("c"), store.get("k"));
            large[0]++;
            store.put("big", new ByteArrayInputStream(large));
            assertArrayEquals(large, store.get("big"), "a streamed put commits after SCRIPT FLUSH");
        }
    }
}
