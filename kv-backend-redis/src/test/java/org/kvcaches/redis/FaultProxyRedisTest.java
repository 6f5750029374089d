package org.kvcaches.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.KvException;
import org.kvcaches.tck.fault.FaultProxy;
import org.kvcaches.testservers.RedisServerProcess;
import org.kvcaches.testservers.RedisTestServers;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * {@link FaultProxy} in front of a real {@code redis-server} (a private one, so that client counts
 * are this test's), driven through Jedis and through a Redis store opened on the proxy's port.
 */
@Timeout(60)
class FaultProxyRedisTest {
    private static final int TIMEOUT_MILLIS = 300;
    private static RedisServerProcess server;
    private FaultProxy proxy;

    @BeforeAll
    static void startServer() {
        server = RedisTestServers.startPrivateServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void startProxy() {
        proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", server.port()));
        try (Jedis direct = direct()) {
            direct.flushAll();
        }
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    private Jedis direct() {
        return new Jedis("127.0.0.1", server.port(), 5_000);
    }

    private Jedis proxied() {
        return new Jedis(proxy.host(), proxy.port(), TIMEOUT_MILLIS);
    }

    /** @return the clients the server has, besides the one asking */
    private int serverClients() {
        try (Jedis direct = direct()) {
            return direct.clientList().strip().split("\n").length - 1;
        }
    }

    @Test
    void commandsPassThroughAndTheConnectionIsCounted() {
        try (Jedis jedis = proxied()) {
            assertEquals("OK", jedis.set("k", "v"));
            assertEquals("v", jedis.get("k"));
            assertEquals(1, proxy.openConnections());
            assertEquals(1, serverClients(), "the server sees the proxied connection");
        }
    }

    @Test
    void aBlackHoleTimesCommandsOutAndNothingReachesTheServer() {
        int before;
        try (Jedis jedis = proxied()) {
            jedis.ping();
            before = serverClients();
            proxy.blackHole();
            assertThrows(JedisConnectionException.class, () -> jedis.set("k", "during"), "a command times out");
        }
        try (Jedis direct = direct()) {
            assertNull(direct.get("k"), "the command sent into the black hole was not executed");
        }
        // Jedis greets the server when it connects, so a held connection fails in the constructor.
        assertThrows(JedisConnectionException.class, () -> proxied().close(), "a new connection is held too");
        // The first connection stays open on the server: even its close is held.
        assertEquals(before, serverClients(), "no new connection reached the server");
        proxy.heal();
        try (Jedis jedis = proxied()) {
            assertEquals("PONG", jedis.ping());
        }
    }

    @Test
    void resetBreaksOpenConnectionsAndRefusesNewOnesUntilHealed() throws InterruptedException {
        Jedis jedis = proxied();
        jedis.ping();
        proxy.reset();
        assertThrows(JedisConnectionException.class, jedis::ping, "an open connection is reset");
        try {
            jedis.close();
        } catch (JedisConnectionException e) {
            // closing writes to the reset socket: a broken pipe, as without the proxy
        }
        assertThrows(JedisConnectionException.class, () -> proxied().close(), "a new connection is reset");
        assertTrue(proxy.awaitOpenConnections(0, Duration.ofSeconds(10)));
        assertEquals(0, serverClients(), "the server's side of the connection was reset too");
        assertTrue(proxy.refusedConnections() >= 1);
        proxy.heal();
        try (Jedis healed = proxied()) {
            assertEquals("PONG", healed.ping());
        }
    }

    @Test
    void latencyDelaysEveryRoundTrip() {
        try (Jedis jedis = new Jedis(proxy.host(), proxy.port(), 10_000)) {
            jedis.ping();
            proxy.latency(Duration.ofMillis(50));
            long start = System.nanoTime();
            assertEquals("PONG", jedis.ping());
            long millis = (System.nanoTime() - start) / 1_000_000;
            // A lower bound only: load can make a round trip slower, never faster.
            assertTrue(millis >= 100, "a round trip took " + millis + " ms, less than the request's and the reply's 50 ms");
        }
    }

    @Test
    void aStoreBehindABlackHoleFailsWithinItsTimeoutAndRecoversAfterHealing() {
        String uri = "redis://" + proxy.host() + ":" + proxy.port() + "/0?prefix=proxied:&timeout=" + TIMEOUT_MILLIS + "ms";
        try (KeyValueStore store = KeyValueStores.open(uri)) {
            store.put("k", new byte[] {1, 2, 3});
            proxy.blackHole();
            assertThrows(KvException.class, () -> store.get("k"), "a read into the black hole fails");
            proxy.heal();
            assertArrayEquals(new byte[] {1, 2, 3}, store.get("k"), "the store works again once the network heals");
        }
    }
}
