package org.kvcaches.redis;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.KvException;
import org.kvcaches.api.StoreUriException;
import org.kvcaches.testservers.RedisServerProcess;
import org.kvcaches.testservers.RedisTestServers;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

@Timeout(60)
class RedisErrorsTest {

    private static byte[] bytes(String s) {
        return s.getBytes(US_ASCII);
    }

    @Test
    void unreachableServerNamesTheHostAndWhatToCheck() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        int closedPort = port;
        KvException e = assertThrows(KvException.class,
                () -> KeyValueStores.open("redis://user:hunter2@127.0.0.1:" + closedPort + "/0?timeout=500ms"));
        assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
        assertTrue(e.getMessage().contains("check that the server runs"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void wrongPasswordIsReportedWithoutThePassword() {
        try (RedisServerProcess server = RedisServerProcess.startOnFreePort(false, "--requirepass", "right-secret")) {
            KvException e = assertThrows(KvException.class,
                    () -> KeyValueStores.open("redis://:wrong-secret@127.0.0.1:" + server.port() + "/0"));
            assertTrue(e.getMessage().contains("password"), e.getMessage());
            assertFalse(e.getMessage().contains("wrong-secret") || e.getMessage().contains("right-secret"), e.getMessage());
            try (KeyValueStore store = KeyValueStores.open("redis://:right-secret@127.0.0.1:" + server.port() + "/0")) {
                store.put("k", bytes("v"));
                assertFalse(store.toString().contains("right-secret"), store.toString());
            }
        }
    }

    @Test
    void wrongDatabaseIsReported() {
        KvException e = assertThrows(KvException.class, () -> KeyValueStores.open(RedisTestServers.standaloneUri() + "/99"));
        assertTrue(e.getMessage().contains("database") || e.getMessage().contains("DB index"), e.getMessage());
        assertThrows(StoreUriException.class, () -> KeyValueStores.open(RedisTestServers.standaloneUri() + "/x"));
        assertThrows(StoreUriException.class, () -> KeyValueStores.open(RedisTestServers.standaloneUri() + "/0?pool=0"));
        StoreUriException unknown = assertThrows(StoreUriException.class,
                () -> KeyValueStores.open(RedisTestServers.standaloneUri() + "/0?prefx=a"));
        assertTrue(unknown.getMessage().contains("allowed options: caCert, clientName, cluster, maxValueSize, pool, prefix, timeout"),
                unknown.getMessage());
    }

    @Test
    void valueOverTheMaximumIsRejectedAndLeavesNothing() {
        try (KeyValueStore store = KeyValueStores.open(RedisTestServers.standaloneUri() + "/3?maxValueSize=2MiB&prefix=max:")) {
            store.put("k", bytes("old"));
            KvException e = assertThrows(KvException.class, () -> store.put("k", new byte[3 << 20]));
            assertTrue(e.getMessage().contains("over the maximum"), e.getMessage());
            e = assertThrows(KvException.class, () -> store.put("k", new java.io.ByteArrayInputStream(new byte[3 << 20])));
            assertTrue(e.getMessage().contains("over the maximum"), e.getMessage());
            assertArrayEquals(bytes("old"), store.get("k"));
            store.delete("k");
        }
    }

    @Test
    void stoppedServerGivesClearErrorsAndTheStoreRecoversWhenItReturns() throws Exception {
        RedisServerProcess server = RedisTestServers.startPrivateServer();
        try (KeyValueStore store = KeyValueStores.open("redis://127.0.0.1:" + server.port() + "/0?timeout=500ms&pool=4")) {
            store.put("k", bytes("before"));
            server.stop();
            for (int i = 0; i < 10; i++) {
                KvException e = assertThrows(KvException.class, () -> store.get("k"));
                assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage());
            }
            server.start();
            store.put("k", bytes("after"));
            assertArrayEquals(bytes("after"), store.get("k"));
            for (int i = 0; i < 50; i++) {
                store.get("k");
            }
            try (Jedis admin = new Jedis("127.0.0.1", server.port())) {
                long clients = admin.clientList().lines().count();
                assertTrue(clients <= 1 + 4, "at most the pool's 4 connections plus this one, got " + clients);
            }
        } finally {
            server.close();
        }
    }

    @Test
    void builderWrapsAnExistingClientAndLeavesItOpen() {
        String[] hostPort = RedisTestServers.standaloneUri().substring("redis://".length()).split(":");
        try (RedisClient client = RedisClient.create(hostPort[0], Integer.parseInt(hostPort[1]))) {
            try (KeyValueStore store = new RedisStoreBuilder().client(client, false).prefix("built:").build()) {
                store.put("k", bytes("v"));
                assertEquals(Set.of("k"), Set.copyOf(store.keys("").toList()));
                store.delete("k");
            }
            assertEquals("PONG", client.ping(), "the caller's client is still open");
        }
    }

    @Test
    void globCharactersInPrefixesAreEscaped() {
        assertEquals("a\\*b\\?c\\[d\\]e\\\\f", RedisStore.escapeGlob("a*b?c[d]e\\f"));
    }
}
