package org.kvcaches.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.spi.StoreUri;
import org.kvcaches.testservers.RedisTestServers;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/**
 * The {@code redis:} store against a raw Jedis {@link RedisClient} (its default commons-pool2 pool,
 * as many connections as the store's pool) and against a plain {@link Jedis} connection per thread
 * (no pool at all: the ceiling of a Jedis-based store), on the same server and values. Run with
 * {@code -t 1} and {@code -t 8} for one thread and eight threads. The server is
 * {@code KV_TEST_REDIS_URI} or a {@code redis-server} this benchmark starts.
 *
 * <p>{@code chainHit} reads through the chain {@code redis | file} (the Redis tier on top, no heap
 * tier) a key whose entry the Redis tier already holds, to set the cache's hit path beside
 * {@code storeGet} and {@code rawGet} of the same value size.
 *
 * <p>Before and after each trial it also runs {@code redis-benchmark} (Redis's own C client) against
 * the same server with as many connections as JMH has threads and the same value size, and prints
 * its SET and GET figures beside the JMH output: the limit the store is measured against.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisBenchmark {
    private static final int KEYS = 1000;
    private static final int POOL = 8;

    @Param({"1024", "65536"})
    public int valueSize;

    private KeyValueStore store;
    private RedisClient raw;
    private String[] keys;
    private byte[][] rawKeys;
    private byte[] value;
    private List<String> batch;
    private int threads;

    /** Fills the database through the raw client. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        setUp(params.getThreads());
    }

    /** @param threads how many threads will call, for {@code redis-benchmark}'s connection count */
    void setUp(int threads) {
        String base = RedisTestServers.standaloneUri();
        store = KeyValueStores.open(base + "/7?pool=" + POOL);
        StoreUri uri = StoreUri.parse(base);
        // commons-pool2's defaults (8 connections, 8 idle) are the store's pool size already; set anyway.
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(POOL);
        pool.setMaxIdle(POOL);
        raw = RedisClient.builder().hostAndPort(new HostAndPort(uri.host(), uri.port()))
                .clientConfig(DefaultJedisClientConfig.builder().database(7).build()).poolConfig(pool).build();
        value = new byte[valueSize];
        ThreadLocalRandom.current().nextBytes(value);
        keys = new String[KEYS];
        rawKeys = new byte[KEYS][];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "bench/" + i;
            rawKeys[i] = keys[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            raw.set(rawKeys[i], value);
        }
        batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add(keys[i]);
        }
        this.threads = threads;
        System.out.println("before: " + redisBenchmark(uri, threads, valueSize));
    }

    /**
     * Runs {@code redis-benchmark} with one connection per JMH thread, no pipelining, random keys over
     * the same key count and the same value size, in the database the trial empties at its end.
     */
    static String redisBenchmark(StoreUri uri, int connections, int valueSize) {
        String label = "redis-benchmark -c " + connections + " -d " + valueSize + " (same server): ";
        try {
            StringBuilder figures = new StringBuilder(label);
            redisBenchmarkRates(uri, connections, valueSize, valueSize <= 4096 ? 100_000 : 20_000, "set,get")
                    .forEach((test, rate) -> figures.append(test).append(' ').append(String.format("%.2f", rate)).append(" ops/s  "));
            return figures.toString().strip();
        } catch (IOException e) {
            return label + e.getMessage();
        }
    }

    /**
     * @param tests {@code redis-benchmark}'s {@code -t}, e.g. {@code "set,get"}
     * @return requests per second by test name in upper case ({@code SET}, {@code GET})
     * @throws IOException when it cannot run or fails, with the reason
     */
    static Map<String, Double> redisBenchmarkRates(StoreUri uri, int connections, int valueSize, int requests, String tests)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("redis-benchmark", "-h", uri.host(), "-p", Integer.toString(uri.port()),
                "-c", Integer.toString(connections), "-n", Integer.toString(requests), "-d", Integer.toString(valueSize),
                "-r", Integer.toString(KEYS), "--dbnum", "7", "-t", tests, "--csv"));
        uri.password().ifPresent(password -> command.addAll(List.of("-a", password, "--no-auth-warning")));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run it (" + e.getMessage() + "; apt-get install -y redis-tools)", e);
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (process.waitFor() != 0) {
                throw new IOException("failed: " + output.strip());
            }
            Map<String, Double> rates = new LinkedHashMap<>();
            for (String line : output.split("\\R")) {
                String[] cells = line.replace("\"", "").split(",");
                if (cells.length > 1 && (cells[0].equals("SET") || cells[0].equals("GET"))) {
                    rates.put(cells[0], Double.parseDouble(cells[1]));
                }
            }
            return rates;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Empties the database and closes both clients. */
    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.println("after:  " + redisBenchmark(StoreUri.parse(RedisTestServers.standaloneUri()), threads, valueSize));
        raw.flushDB();
        raw.close();
        store.close();
    }

    /** The chain {@code redis | file} holding the benchmark's keys and values, every one cached in its Redis tier. */
    @State(Scope.Benchmark)
    public static class Chain {
        KeyValueStore chain;
        Path folder;
        String[] keys;

        /** Writes every key through the chain and reads it once, which fills the Redis tier. */
        @Setup(Level.Trial)
        public void setUp(RedisBenchmark bench) throws IOException {
            folder = Files.createTempDirectory("kv-bench-chain");
            chain = KeyValueStores.open(RedisTestServers.standaloneUri() + "/8?prefix=bench-cache:&pool=" + POOL + " | " + folder.toUri());
            keys = bench.keys;
            for (String key : keys) {
                chain.put(key, bench.value);
                chain.get(key);
            }
        }

        /** Deletes the keys (and so their cache entries) and the folder. */
        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            for (String key : keys) {
                chain.delete(key);
            }
            chain.close();
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** A plain Jedis connection of one benchmark thread: what a store would do with no pool at all. */
    @State(Scope.Thread)
    public static class ThreadConnection {
        Jedis jedis;

        /** Connects to the benchmark's server and database. */
        @Setup(Level.Trial)
        public void setUp() {
            StoreUri uri = StoreUri.parse(RedisTestServers.standaloneUri());
            // The plain Jedis class speaks RESP2 only; saying so up front silences its negotiation warning.
            jedis = new Jedis(new HostAndPort(uri.host(), uri.port()), DefaultJedisClientConfig.builder().database(7)
                    .autoNegotiateProtocol(false).password(uri.password().orElse(null)).build());
        }

        /** Disconnects. */
        @TearDown(Level.Trial)
        public void tearDown() {
            jedis.close();
        }
    }

    private static int anyIndex() {
        return ThreadLocalRandom.current().nextInt(KEYS);
    }

    /** @return a value read through the store */
    @Benchmark
    public byte[] storeGet() {
        return store.get(keys[anyIndex()]);
    }

    /** @return a value read with raw GET */
    @Benchmark
    public byte[] rawGet() {
        return raw.get(rawKeys[anyIndex()]);
    }

    /** @return a value read with raw GET on this thread's own connection */
    @Benchmark
    public byte[] rawThreadGet(ThreadConnection connection) {
        return connection.jedis.get(rawKeys[anyIndex()]);
    }

    /** @return a value read through {@code redis | file} whose Redis tier holds it */
    @Benchmark
    public byte[] chainHit(Chain chain) {
        return chain.chain.get(chain.keys[anyIndex()]);
    }

    /** Writes through the store. */
    @Benchmark
    public void storePut() {
        store.put(keys[anyIndex()], value);
    }

    /** @return the reply of a raw SET */
    @Benchmark
    public String rawPut() {
        return raw.set(rawKeys[anyIndex()], value);
    }

    /** @return the reply of a raw SET on this thread's own connection */
    @Benchmark
    public String rawThreadPut(ThreadConnection connection) {
        return connection.jedis.set(rawKeys[anyIndex()], value);
    }

    /** @return 100 values read with one getAll */
    @Benchmark
    public Object storeGetAll100() {
        return store.getAll(batch);
    }

    /** @return 100 values read with 100 gets */
    @Benchmark
    public Object storeGet100() {
        byte[] last = null;
        for (String key : batch) {
            last = store.get(key);
        }
        return last;
    }
}
