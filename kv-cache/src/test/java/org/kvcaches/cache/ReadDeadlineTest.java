package org.kvcaches.cache;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.testservers.PrivateRedisServer;
import org.kvcaches.tck.fault.FaultProxy;
import org.kvcaches.tck.fault.FaultyStore;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.Slowlog;

/**
 * A cache tier slower than the read deadline never holds a read past it: the read is served from
 * the store instead, whether the tier bounds its own reads (Redis, behind {@link FaultProxy}) or the
 * decorator hedges them ({@link FaultyStore}); and a miss over Redis costs two round trips. The
 * breaker is kept closed (a high failure threshold), so every read meets the slow tier. The time
 * bound is generous: the slow tier takes a second or more, a read must end well before that.
 */
@Timeout(120)
class ReadDeadlineTest {
    private static final int READS = 10;
    private static final long BOUND_MILLIS = 400;
    @RegisterExtension
    static final PrivateRedisServer REDIS = new PrivateRedisServer();

    private static byte[] value(int i) {
        return ("value " + i).getBytes(US_ASCII);
    }

    /** Reads every key through the decorator: each gives the store's value, and none takes as long as the slow tier. */
    private static void everyReadIsServedWithinTheBound(KeyValueStore chain) {
        for (int i = 0; i < READS; i++) {
            long start = System.nanoTime();
            assertArrayEquals(value(i), chain.get("k" + i));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < BOUND_MILLIS, "read " + i + " waited " + millis + " ms for a tier that takes over a second");
        }
    }

    @Test
    void aRedisTierSlowerThanTheDeadlineNeverHoldsAReadPastIt() {
        try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", REDIS.port()));
             KeyValueStore chain = KeyValueStores.open("redis://127.0.0.1:" + proxy.port() + "/0?prefix=slow" + System.nanoTime()
                     + ":&cache.readDeadline=50ms&cache.failureThreshold=1000 | mem:")) {
            for (int i = 0; i < READS; i++) {
                chain.put("k" + i, value(i));
                chain.get("k" + i); // cached in Redis
            }
            proxy.latency(Duration.ofMillis(500));
            everyReadIsServedWithinTheBound(chain);
            CacheStats stats = ((CacheDecorator) chain).stats();
            assertEquals(BreakerState.CLOSED, ((CacheDecorator) chain).breakerState());
            assertTrue(stats.deadlineFallbackCount() >= READS, stats::toString);
        }
    }

    @Test
    void anyOtherTierSlowerThanTheDeadlineIsHedged() {
        FaultyStore tier = new FaultyStore(KeyValueStores.open("mem:"));
        try (CacheDecorator chain = CacheDecorator.builder(tier, KeyValueStores.open("mem:")).readDeadline(Duration.ofMillis(50))
                .failureThreshold(1000).build()) {
            for (int i = 0; i < READS; i++) {
                chain.put("k" + i, value(i));
                chain.get("k" + i);
            }
            CacheStats before = chain.stats();
            tier.delay(Duration.ofSeconds(2), FaultyStore.Operation.READ);
            everyReadIsServedWithinTheBound(chain);
            CacheStats during = chain.stats().minus(before);
            assertEquals(READS, during.deadlineFallbackCount(), during::toString);
            assertEquals(0, during.hitCount(), "every read was served by the store");
            tier.heal();
            assertArrayEquals(value(0), chain.get("k0"));
        }
    }

    @Test
    void aMissOverRedisCostsTwoRoundTripsAndAHitOne() {
        try (CacheDecorator chain = CacheDecorator.builder(KeyValueStores.open("redis://127.0.0.1:" + REDIS.port() + "/0?prefix=trips"
                + System.nanoTime() + ":"), KeyValueStores.open("mem:")).build();
             Jedis direct = new Jedis("127.0.0.1", REDIS.port())) {
            chain.put("warm", value(0));
            chain.get("warm"); // the compare-and-set script is loaded
            chain.put("k", value(1));
            direct.configSet("slowlog-log-slower-than", "0"); // log every command
            direct.slowlogReset();
            assertArrayEquals(value(1), chain.get("k"));
            assertEquals(List.of("SET", "EVALSHA"), clientCommands(direct), "a miss: read-or-lease (SET NX PX GET), then compare-and-set");
            assertEquals(2, chain.stats().fillCount(), "the miss filled the cache");
            direct.slowlogReset();
            assertArrayEquals(value(1), chain.get("k"));
            assertEquals(List.of("SET"), clientCommands(direct), "a hit: one call, the same read-or-lease");
        }
    }

    /**
     * @return the commands clients sent since the slow log was reset, oldest first: not the
     *     commands that scripts ran (logged without a client address), nor this test's own
     */
    private static List<String> clientCommands(Jedis direct) {
        List<String> commands = new ArrayList<>();
        for (Slowlog entry : direct.slowlogGet(128)) {
            String command = entry.getArgs().get(0).toUpperCase(Locale.ROOT);
            if (entry.getClientIpPort() != null && entry.getClientIpPort().getPort() != 0 && !command.equals("SLOWLOG")) {
                commands.add(0, command);
            }
        }
        return commands;
    }
}
