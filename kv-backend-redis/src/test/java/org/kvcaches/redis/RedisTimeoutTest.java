package org.kvcaches.redis;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.KvException;
import org.kvcaches.api.StoreUriException;
import org.kvcaches.testservers.PrivateRedisServer;

/**
 * Option {@code timeout} bounds every call: connecting, each reply and the wait for a pooled
 * connection, checked against a server behind a proxy that black-holes the traffic. The time bounds
 * are generous (5x the timeout) so that a loaded machine does not fail them; without the bounds a
 * call would wait for the whole outage.
 */
@Timeout(60)
class RedisTimeoutTest {
    private static final long TIMEOUT_MILLIS = 500;
    /** A server of this class's own (stopped when the JVM exits), since the tests flush or reset it. */
    @RegisterExtension
    static final PrivateRedisServer SERVER = new PrivateRedisServer();

    @Test
    void zeroTimeoutIsRefusedNamingTheOption() {
        for (String zero : List.of("0ms", "0s", "PT0S")) {
            StoreUriException e = assertThrows(StoreUriException.class,
                    () -> KeyValueStores.open("redis://127.0.0.1:" + SERVER.port() + "/0?timeout=" + zero));
            assertTrue(e.getMessage().contains("'timeout'") && e.getMessage().contains("from 1ms"), e.getMessage());
        }
    }

    @Test
    void negativeTimeoutIsRefusedNamingTheOption() {
        for (String negative : List.of("-1s", "PT-1S")) {
            StoreUriException e = assertThrows(StoreUriException.class,
                    () -> KeyValueStores.open("redis://127.0.0.1:" + SERVER.port() + "/0?timeout=" + negative));
            assertTrue(e.getMessage().contains("'timeout'"), e.getMessage());
        }
    }

    @Test
    void everyCallEndsWithinTheTimeoutWhenTheServerIsBlackHoledAndThePoolIsSmall() throws Exception {
        try (TcpProxy proxy = new TcpProxy(SERVER.port());
             KeyValueStore store = KeyValueStores.open("redis://127.0.0.1:" + proxy.port() + "/0?pool=2&timeout=" + TIMEOUT_MILLIS + "ms")) {
            store.put("k", "v".getBytes(US_ASCII));
            proxy.swallow(true);
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<String>> reads = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    reads.add(threads.submit(() -> {
                        long start = System.nanoTime();
                        KvException e = assertThrows(KvException.class, () -> store.get("k"));
                        long millis = (System.nanoTime() - start) / 1_000_000;
                        assertTrue(millis < 5 * TIMEOUT_MILLIS, "a read took " + millis + " ms: " + e.getMessage());
                        return e.getMessage();
                    }));
                }
                for (Future<String> read : reads) {
                    String message = read.get();
                    assertTrue(message.contains("option timeout") && message.contains("127.0.0.1:" + proxy.port()), message);
                }
            } finally {
                threads.shutdownNow();
            }
            proxy.swallow(false);
            assertArrayEquals("v".getBytes(US_ASCII), store.get("k"), "the store recovers once traffic flows again");
        }
    }

    @Test
    void openingAgainstABlackHoledServerCostsOneTimeout() throws Exception {
        try (TcpProxy proxy = new TcpProxy(SERVER.port())) {
            proxy.swallow(true);
            long start = System.nanoTime();
            KvException e = assertThrows(KvException.class,
                    () -> KeyValueStores.open("redis://127.0.0.1:" + proxy.port() + "/0?timeout=" + TIMEOUT_MILLIS + "ms"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getMessage().contains("did not answer within the timeout"), e.getMessage());
            assertEquals(1, proxy.accepted(), "one connection attempt, so one timeout: " + e.getMessage());
            assertTrue(millis < 5 * TIMEOUT_MILLIS, "opening took " + millis + " ms");
        }
    }
}
