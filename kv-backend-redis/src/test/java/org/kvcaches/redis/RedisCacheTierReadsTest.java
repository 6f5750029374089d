package org.kvcaches.redis;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.spi.CacheTierReads;
import org.kvcaches.api.spi.ReadDeadlineException;
import org.kvcaches.tck.fault.FaultProxy;
import org.kvcaches.testservers.PrivateRedisServer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/**
 * A Redis store's reads as a cache tier ({@link CacheTierReads}): bounded by the caller's deadline
 * through the socket's read timeout for that one call, without corrupting the connection pool; and
 * the miss's read and lease in one call ({@code SET NX PX GET}, or a script before Redis 7.0). Against a real {@code redis-server} behind
 * {@link FaultProxy}, which slows every packet. Time bounds are generous: a slow packet takes 500 ms,
 * a bounded read must end long before that, whatever the machine's load.
 */
@Timeout(60)
class RedisCacheTierReadsTest {
    @RegisterExtension
    static final PrivateRedisServer SERVER = new PrivateRedisServer();
    private static final Duration DEADLINE = Duration.ofMillis(50);
    private FaultProxy proxy;
    /** This test's own namespace on the shared server. */
    private String prefix;

    @BeforeEach
    void startProxy() {
        prefix = "reads" + System.nanoTime() + ":";
        proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", SERVER.port()));
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    /** @param options extra URI options, e.g. "&pool=1" */
    private KeyValueStore open(String options) {
        return KeyValueStores.open("redis://127.0.0.1:" + proxy.port() + "/0?prefix=" + prefix + "&timeout=5s" + options);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(US_ASCII);
    }

    @Test
    void aStoreOpenedByUriBoundsItsReadsAndOneOverACallersClientDoesNot() {
        try (KeyValueStore store = open("")) {
            assertTrue(((CacheTierReads) store).boundsReads());
        }
        try (RedisClient client = RedisClient.builder().hostAndPort("127.0.0.1", SERVER.port()).build()) {
            KeyValueStore store = new RedisStoreBuilder().client(client, false).prefix("callers:").build();
            assertFalse(((CacheTierReads) store).boundsReads(), "no pool of its own: the caller bounds the reads");
            store.put("k", bytes("v"));
            assertArrayEquals(bytes("v"), ((CacheTierReads) store).findWithin("k", DEADLINE).orElseThrow());
        }
    }

    @Test
    void findWithinReturnsTheValueOrEmpty() {
        try (KeyValueStore store = open("")) {
            store.put("present", bytes("v"));
            CacheTierReads reads = (CacheTierReads) store;
            assertArrayEquals(bytes("v"), reads.findWithin("present", Duration.ofSeconds(5)).orElseThrow());
            assertEquals(Optional.empty(), reads.findWithin("absent", Duration.ofSeconds(5)));
        }
    }

    @Test
    void aReadOfASlowServerEndsAtItsDeadline() {
        try (KeyValueStore store = open("")) {
            store.put("k", bytes("v"));
            proxy.latency(Duration.ofMillis(500));
            CacheTierReads reads = (CacheTierReads) store;
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                assertThrows(ReadDeadlineException.class, () -> reads.findWithin("k", DEADLINE));
                assertThrows(ReadDeadlineException.class, () -> reads.findOrPut("other", bytes("lease"), Duration.ofSeconds(5), DEADLINE));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < 400, "two bounded calls to a server 500 ms away took " + millis + " ms");
            }
        }
    }

    @Test
    void aReplyThatArrivesAfterTheDeadlineNeverAnswersALaterRead() throws InterruptedException {
        // One connection only: were the connection of the timed-out read reused, the next read would get its late reply.
        try (KeyValueStore store = open("&pool=1")) {
            store.put("a", bytes("value of a"));
            store.put("b", bytes("value of b"));
            proxy.latency(Duration.ofMillis(300));
            CacheTierReads reads = (CacheTierReads) store;
            assertThrows(ReadDeadlineException.class, () -> reads.findWithin("a", DEADLINE));
            proxy.heal();
            Thread.sleep(700); // the late reply to the read of a has arrived by now
            assertArrayEquals(bytes("value of b"), reads.findWithin("b", Duration.ofSeconds(5)).orElseThrow());
            assertArrayEquals(bytes("value of b"), store.get("b"));
            assertArrayEquals(bytes("value of a"), store.get("a"));
        }
    }

    @Test
    void findOrPutPutsWithItsTtlOnlyWhenTheKeyIsAbsentAndReturnsWhatItFound() {
        try (KeyValueStore store = open("")) {
            CacheTierReads reads = (CacheTierReads) store;
            assertEquals(Optional.empty(), reads.findOrPut("k", bytes("lease 1"), Duration.ofSeconds(30), DEADLINE.multipliedBy(100)));
            assertArrayEquals(bytes("lease 1"), store.get("k"));
            assertArrayEquals(bytes("lease 1"), reads.findOrPut("k", bytes("lease 2"), Duration.ofSeconds(30), DEADLINE.multipliedBy(100))
                    .orElseThrow(), "a present key is returned, not overwritten");
            assertArrayEquals(bytes("lease 1"), store.get("k"));
            try (Jedis direct = new Jedis("127.0.0.1", SERVER.port())) {
                long ttl = direct.pttl(prefix + "k");
                assertTrue(ttl > 0 && ttl <= 30_000, "the put value has the given time to live, not " + ttl + " ms");
            }
        }
    }

    @Test
    void theScriptForServersBeforeRedis70FindsOrPutsAsSetNxGetDoes() {
        try (RedisClient client = RedisClient.builder().hostAndPort("127.0.0.1", SERVER.port()).build()) {
            client.scriptFlush(); // the first run meets NOSCRIPT and sends the script's text
            List<byte[]> keys = List.of(bytes("script:k"));
            assertNull(RedisStore.FIND_OR_PUT_SCRIPT.run(client, keys, List.of(bytes("lease 1"), bytes("30000"))), "absent: put");
            assertArrayEquals(bytes("lease 1"), client.get(bytes("script:k")));
            long ttl = client.pttl("script:k");
            assertTrue(ttl > 0 && ttl <= 30_000, "the put value has the given time to live, not " + ttl + " ms");
            assertArrayEquals(bytes("lease 1"), (byte[]) RedisStore.FIND_OR_PUT_SCRIPT.run(client, keys, List.of(bytes("lease 2"),
                    bytes("30000"))), "present: returned, not overwritten");
            assertArrayEquals(bytes("lease 1"), client.get(bytes("script:k")));
            client.del("script:k");
        }
    }

    private static long getRangeCalls(Jedis direct) {
        String stats = direct.info("commandstats");
        int at = stats.indexOf("cmdstat_getrange:calls=");
        return at < 0 ? 0 : Long.parseLong(stats.substring(at + "cmdstat_getrange:calls=".length()).split(",", 2)[0]);
    }

    private static byte[] valueOf(int size) {
        byte[] value = new byte[size];
        for (int i = 0; i < size; i++) {
            value[i] = (byte) (i * 31 + size);
        }
        return value;
    }

    @Test
    void findOrPutInPartsSplitsAtTheHeadAndReadsLargeValuesInTwoPartsNotWhole() {
        try (KeyValueStore store = open(""); Jedis direct = new Jedis("127.0.0.1", SERVER.port())) {
            CacheTierReads reads = (CacheTierReads) store;
            Duration ttl = Duration.ofSeconds(30);
            Duration deadline = Duration.ofSeconds(5);
            // Small, large, large (now in two parts), small (in two parts once more), small (whole again), tiny, empty.
            int[] sizes = {100, 65536, 65536, 100, 100, 10, 0};
            long[] getRanges = new long[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                byte[] value = valueOf(sizes[i]);
                store.put("k" + i, value);
                long before = getRangeCalls(direct);
                CacheTierReads.Parts parts = reads.findOrPut("k" + i, bytes("lease"), ttl, deadline, 32).orElseThrow();
                getRanges[i] = getRangeCalls(direct) - before;
                int cut = Math.min(32, sizes[i]);
                assertArrayEquals(java.util.Arrays.copyOf(value, cut), parts.head(), "head of a " + sizes[i] + "-byte value");
                assertArrayEquals(java.util.Arrays.copyOfRange(value, cut, value.length), parts.rest(), "rest of a " + sizes[i] + "-byte value");
                assertArrayEquals(value, store.get("k" + i), "found, not overwritten");
            }
            assertArrayEquals(new long[] {0, 0, 2, 2, 0, 0, 0}, getRanges,
                    "GETRANGEs per read: a read after a large value's reads in two parts, any other whole");
        }
    }

    /** Finds a 64 KiB value once, after which the store reads in two parts. */
    private static CacheTierReads readingInTwoParts(KeyValueStore store) {
        CacheTierReads reads = (CacheTierReads) store;
        store.put("large", valueOf(65536));
        reads.findOrPut("large", bytes("lease"), Duration.ofSeconds(30), Duration.ofSeconds(5), 32).orElseThrow();
        return reads;
    }

    @Test
    void findOrPutInTwoPartsPutsOnlyWhenAbsentWithItsTtl() {
        try (KeyValueStore store = open(""); Jedis direct = new Jedis("127.0.0.1", SERVER.port())) {
            CacheTierReads reads = readingInTwoParts(store);
            long before = getRangeCalls(direct);
            assertEquals(Optional.empty(), reads.findOrPut("k", bytes("lease 1"), Duration.ofSeconds(30), Duration.ofSeconds(5), 32));
            assertEquals(2, getRangeCalls(direct) - before, "the absent key was looked up in two parts");
            assertArrayEquals(bytes("lease 1"), store.get("k"));
            long ttl = direct.pttl(prefix + "k");
            assertTrue(ttl > 0 && ttl <= 30_000, "the put value has the given time to live, not " + ttl + " ms");
        }
    }

    @Test
    void aTwoPartReadOfAKeyOfAnotherTypeFailsAndLeavesTheConnectionUsable() {
        try (KeyValueStore store = open("&pool=1"); Jedis direct = new Jedis("127.0.0.1", SERVER.port())) {
            CacheTierReads reads = readingInTwoParts(store);
            direct.rpush(prefix + "list", "element");
            org.kvcaches.api.KvException e = assertThrows(org.kvcaches.api.KvException.class,
                    () -> reads.findOrPut("list", bytes("lease"), Duration.ofSeconds(30), Duration.ofSeconds(5), 32));
            assertTrue(e.getMessage().contains("WRONGTYPE") && e.getMessage().contains("'list'"), e.getMessage());
            assertEquals(1, direct.llen(prefix + "list"), "the list is untouched");
            assertArrayEquals(valueOf(65536), store.get("large"), "the one pooled connection still answers in order");
        }
    }

    @Test
    void aTwoPartReadEndsAtItsDeadlineAndItsLateRepliesNeverAnswerALaterRead() throws InterruptedException {
        try (KeyValueStore store = open("&pool=1")) {
            CacheTierReads reads = readingInTwoParts(store);
            store.put("a", valueOf(65536));
            store.put("b", valueOf(40000));
            proxy.latency(Duration.ofMillis(300));
            long start = System.nanoTime();
            assertThrows(ReadDeadlineException.class, () -> reads.findOrPut("a", bytes("lease"), Duration.ofSeconds(30), DEADLINE, 32));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 250, "a two-part read of a server 300 ms away took " + millis + " ms");
            proxy.heal();
            Thread.sleep(700); // the late replies to the read of a have arrived by now
            CacheTierReads.Parts b = reads.findOrPut("b", bytes("lease"), Duration.ofSeconds(30), Duration.ofSeconds(5), 32).orElseThrow();
            assertArrayEquals(java.util.Arrays.copyOfRange(valueOf(40000), 32, 40000), b.rest());
        }
    }

    @Test
    void aUserWhoMayNotRunMultiGetsTheRightPartsAndReadsWholeFromThenOn() {
        try (Jedis direct = new Jedis("127.0.0.1", SERVER.port())) {
            direct.aclSetUser("no-transactions", "on", ">secret", "~*", "&*", "+@all", "-multi", "-exec");
            try (KeyValueStore store = KeyValueStores.open("redis://no-transactions:secret@127.0.0.1:" + proxy.port() + "/0?prefix="
                    + prefix + "&timeout=5s")) {
                CacheTierReads reads = readingInTwoParts(store);
                store.put("k", valueOf(40000));
                CacheTierReads.Parts refused = reads.findOrPut("k", bytes("lease"), Duration.ofSeconds(30), Duration.ofSeconds(5), 32)
                        .orElseThrow();
                assertArrayEquals(java.util.Arrays.copyOfRange(valueOf(40000), 32, 40000), refused.rest(), "the refused call's answer");
                assertEquals(Optional.empty(), reads.findOrPut("absent", bytes("lease"), Duration.ofSeconds(30), Duration.ofSeconds(5), 32));
                assertArrayEquals(bytes("lease"), store.get("absent"), "leased, whole");
                long before = getRangeCalls(direct);
                CacheTierReads.Parts whole = reads.findOrPut("k", bytes("lease"), Duration.ofSeconds(30), Duration.ofSeconds(5), 32)
                        .orElseThrow();
                assertArrayEquals(refused.rest(), whole.rest());
                assertEquals(0, getRangeCalls(direct) - before, "read whole once MULTI was refused");
            } finally {
                direct.aclDelUser("no-transactions");
            }
        }
    }
}
