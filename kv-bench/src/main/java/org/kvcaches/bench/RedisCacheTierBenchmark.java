package org.kvcaches.bench;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.spi.CacheTierReads;
import org.kvcaches.api.spi.StoreUri;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;
import org.kvcaches.testservers.RedisTestServers;

/**
 * What a Redis cache tier's hit costs, by the call that serves it: a plain {@code GET} through the
 * store, the same {@code GET} bounded by a read deadline (the socket timeout set and restored around
 * it), and the read-or-lease script that a miss needs (so a hit through it too would cost one
 * {@code EVALSHA}); beside the raw Jedis {@code GET}. All of a present key, at 1 KiB and 64 KiB.
 *
 * <p>Run: {@code java -jar kv-bench/target/benchmarks.jar RedisCacheTierBenchmark -f 1 -wi 2 -i 3 -w 1s -r 2s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RedisCacheTierBenchmark {
    private static final int KEYS = 100;
    /** Long enough never to fire on a loaded machine: this measures what a bounded call costs, not the bound. */
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final Duration LEASE_TTL = Duration.ofSeconds(5);
    private static final SetParams SET_NX_PX = SetParams.setParams().nx().px(LEASE_TTL.toMillis());

    @Param({"1024", "65536"})
    public int valueSize;

    private KeyValueStore store;
    private CacheTierReads reads;
    private RedisClient raw;
    private String[] keys;
    private byte[][] rawKeys;
    private final byte[] marker = new byte[40];

    /** Puts the values through the store. */
    @Setup(Level.Trial)
    public void setUp() {
        String base = RedisTestServers.standaloneUri();
        store = KeyValueStores.open(base + "/6?prefix=tier:");
        reads = (CacheTierReads) store;
        StoreUri uri = StoreUri.parse(base);
        raw = RedisClient.builder().hostAndPort(new HostAndPort(uri.host(), uri.port()))
                .clientConfig(DefaultJedisClientConfig.builder().database(6).build()).build();
        byte[] value = new byte[valueSize];
        ThreadLocalRandom.current().nextBytes(value);
        keys = new String[KEYS];
        rawKeys = new byte[KEYS][];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "k" + i;
            rawKeys[i] = ("tier:" + keys[i]).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            store.put(keys[i], value);
        }
    }

    /** Closes the store and the client. */
    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
        raw.close();
    }

    private int next() {
        return ThreadLocalRandom.current().nextInt(KEYS);
    }

    /** @return a value through the store's plain read (GET) */
    @Benchmark
    public byte[] storeGet() {
        return store.get(keys[next()]);
    }

    /** @return a value through the read bounded by a deadline (GET with the socket timeout set for the call) */
    @Benchmark
    public byte[] boundedGet() {
        return reads.findWithin(keys[next()], DEADLINE).orElseThrow();
    }

    /** @return a value through the read-or-lease script of a miss, on a present key (EVALSHA) */
    @Benchmark
    public byte[] readOrLeaseScript() {
        return reads.findOrPut(keys[next()], marker, LEASE_TTL, DEADLINE).orElseThrow();
    }

    /** @return a value through the raw Jedis client's {@code SET NX PX GET} (Redis 7.0+), a read-or-lease without a script */
    @Benchmark
    public byte[] rawSetNxGet() {
        return raw.setGet(rawKeys[next()], marker, SET_NX_PX);
    }

    /** @return a value through the raw Jedis client (GET) */
    @Benchmark
    public byte[] rawGet() {
        return raw.get(rawKeys[next()]);
    }
}
