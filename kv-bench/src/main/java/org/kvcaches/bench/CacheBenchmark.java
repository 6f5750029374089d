package org.kvcaches.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.cache.CacheDecorator;
import org.kvcaches.tck.cache.ControlledStore;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * The cache decorator against what it adds to:
 * <ul>
 *   <li><b>hit</b>: {@code heap: | mem:} get of a cached 1 KiB value against Caffeine's
 *       {@code getIfPresent} of the same bytes (and with the copy a store must hand out);</li>
 *   <li><b>miss</b>: a decorator over a {@code file:} store in a temp folder whose every read misses
 *       (the benchmark deletes the key from the {@code heap:} cache after each read, which the
 *       decorator's figure pays for), against the bare {@code file:} store;</li>
 *   <li><b>zipf</b>: 95% reads, 5% writes of 1 KiB values over 10,000 Zipf-distributed keys (s = 0.99),
 *       8 threads, on a store that takes 2 ms per call, with and without a {@code heap:} cache of
 *       1,000 entries: throughput, and latency percentiles including p99 (sample time).</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CacheBenchmark {
    private static final int VALUE_SIZE = 1024;

    private static byte[] randomValue() {
        byte[] value = new byte[VALUE_SIZE];
        ThreadLocalRandom.current().nextBytes(value);
        return value;
    }

    /** A warm {@code heap: | mem:} chain and a Caffeine cache with the same keys and values. */
    @State(Scope.Benchmark)
    public static class Hit {
        static final int KEYS = 1024;
        KeyValueStore chain;
        Cache<String, byte[]> caffeine;
        Cache<String, byte[]> caffeineAsHeap;
        String[] keys;

        /** Fills both and reads every key once, so the chain's cache holds them all. */
        @Setup(Level.Trial)
        public void setUp() {
            chain = KeyValueStores.open("heap://?maxBytes=64MiB | mem:");
            caffeine = Caffeine.newBuilder().maximumSize(1 << 20).build();
            // Configured as heap: is: a byte weigher, per-entry expiry (for TTLs and lease markers),
            // maintenance on the calling thread.
            caffeineAsHeap = Caffeine.newBuilder().executor(Runnable::run).maximumWeight(64L << 20)
                    .weigher((String k, byte[] v) -> k.length() + v.length + 48)
                    .expireAfter(Expiry.<String, byte[]>creating((k, v) -> Duration.ofDays(365 * 100))).build();
            keys = new String[KEYS];
            for (int i = 0; i < KEYS; i++) {
                keys[i] = "bench/key-" + i;
                byte[] value = randomValue();
                chain.put(keys[i], value);
                chain.get(keys[i]);
                caffeine.put(keys[i], value);
                caffeineAsHeap.put(keys[i], value);
            }
        }

        /** Releases the chain. */
        @TearDown(Level.Trial)
        public void tearDown() {
            chain.close();
        }

        String anyKey() {
            return keys[ThreadLocalRandom.current().nextInt(KEYS)];
        }
    }

    /**
     * The same warm {@code heap:} tier, in a chain whose Redis tier carries change announcements: the
     * heap tier listens for other processes' writes, so every hit also checks that the link is up.
     */
    @State(Scope.Benchmark)
    public static class NotifiedHit {
        KeyValueStore chain;
        String[] keys;

        /** Opens {@code heap | redis | mem} on a local Redis and warms the heap tier. */
        @Setup(Level.Trial)
        public void setUp() {
            chain = KeyValueStores.open("heap://?maxBytes=64MiB | " + RedisTestServers.standaloneUri()
                    + "/0?prefix=bench-notified-" + System.nanoTime() + ": | mem:");
            keys = new String[Hit.KEYS];
            for (int i = 0; i < Hit.KEYS; i++) {
                keys[i] = "bench/key-" + i;
                chain.put(keys[i], randomValue());
                chain.get(keys[i]);
            }
            if (((CacheDecorator) chain).stats().bypassedReadCount() > 0) {
                System.out.println("[cache-bench] the notified chain bypassed its heap tier while warming up (link not yet up)");
            }
        }

        /** Removes the keys and releases the chain. */
        @TearDown(Level.Trial)
        public void tearDown() {
            chain.deleteAll(java.util.List.of(keys));
            chain.close();
        }

        String anyKey() {
            return keys[ThreadLocalRandom.current().nextInt(Hit.KEYS)];
        }
    }

    /** @return a cached value read through a chain whose heap tier listens for other processes' writes */
    @Benchmark
    public byte[] hitNotifiedChainGet(NotifiedHit state) {
        return state.chain.get(state.anyKey());
    }

    /** @return a cached value read through the chain */
    @Benchmark
    public byte[] hitChainGet(Hit state) {
        return state.chain.get(state.anyKey());
    }

    /** @return the same bytes from Caffeine, not copied */
    @Benchmark
    public byte[] hitRawCaffeine(Hit state) {
        return state.caffeine.getIfPresent(state.anyKey());
    }

    /** @return the same bytes from Caffeine, copied as a store must (callers own what get returns) */
    @Benchmark
    public byte[] hitRawCaffeineCopy(Hit state) {
        return state.caffeine.getIfPresent(state.anyKey()).clone();
    }

    /** @return the same bytes, copied, from a Caffeine cache configured as {@code heap:} configures it */
    @Benchmark
    public byte[] hitRawCaffeineAsHeapCopy(Hit state) {
        return state.caffeineAsHeap.getIfPresent(state.anyKey()).clone();
    }

    /** A decorator that misses on every read, and the bare {@code file:} store under it. */
    @State(Scope.Benchmark)
    public static class Miss {
        static final int KEYS = 256;
        Path base;
        KeyValueStore file;
        KeyValueStore heap;
        CacheDecorator decorated;
        CacheDecorator evicting;
        String[] keys;

        /** Writes the keys into a temp folder. */
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            base = Files.createTempDirectory("kv-bench-cache");
            file = KeyValueStores.open(base.toUri().toString());
            heap = KeyValueStores.open("heap:");
            decorated = CacheDecorator.builder(heap, file).build();
            evicting = CacheDecorator.builder(KeyValueStores.open("heap://?maxEntries=1"), KeyValueStores.open(base.toUri().toString())).build();
            keys = new String[KEYS];
            for (int i = 0; i < KEYS; i++) {
                keys[i] = "key-" + i;
                file.put(keys[i], randomValue());
            }
        }

        /** Prints the hit rate (it must be near 0 for this to measure misses) and deletes the folder. */
        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            if (decorated.stats().missCount() > 0) {
                System.out.println("[cache-bench] miss path hit rate: " + decorated.stats().hitRate() + " (" + decorated.stats() + ")");
            }
            if (evicting.stats().missCount() > 0) {
                System.out.println("[cache-bench] evicting miss path hit rate: " + evicting.stats().hitRate());
            }
            decorated.close();
            evicting.close();
            try (Stream<Path> files = Files.walk(base)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }

        String anyKey() {
            return keys[ThreadLocalRandom.current().nextInt(KEYS)];
        }
    }

    /** @return a value read through the decorator, missing the cache (loaded, filled, then dropped) */
    @Benchmark
    public byte[] missDecoratedGet(Miss state) {
        String key = state.anyKey();
        byte[] value = state.decorated.get(key);
        state.heap.delete(key);
        return value;
    }

    /** @return a value read through a decorator whose one-entry cache evicts on every fill, so reads miss */
    @Benchmark
    public byte[] missDecoratedEvictingGet(Miss state) {
        return state.evicting.get(state.anyKey());
    }

    /** @return the same value read from the bare store */
    @Benchmark
    public byte[] missBareGet(Miss state) {
        return state.file.get(state.anyKey());
    }

    /** A 2 ms store of 10,000 keys, with and without a 1,000-entry {@code heap:} cache in front. */
    @State(Scope.Benchmark)
    public static class Zipf {
        static final int KEYS = 10_000;

        /** Percent of operations that are writes. */
        @Param({"5"})
        public int writePercent;

        KeyValueStore raw;
        ControlledStore slow;
        CacheDecorator cached;
        ZipfianKeys zipf;
        String[] keys;
        byte[] value;

        /** Fills the store directly, without its latency. */
        @Setup(Level.Trial)
        public void setUp() {
            raw = KeyValueStores.open("mem:");
            value = randomValue();
            keys = new String[KEYS];
            for (int i = 0; i < KEYS; i++) {
                keys[i] = "key-" + i;
                raw.put(keys[i], value);
            }
            slow = ControlledStore.wrap(raw);
            slow.latency(Duration.ofMillis(2), Duration.ofMillis(2));
            cached = CacheDecorator.builder(KeyValueStores.open("heap://?maxEntries=1000"), slow.sharing()).build();
            zipf = new ZipfianKeys(KEYS, 0.99);
        }

        /** Prints the cache's hit rate and closes everything. */
        @TearDown(Level.Trial)
        public void tearDown() {
            if (cached.stats().missCount() > 0) {
                System.out.println("[cache-bench] zipf hit rate with the cache: " + cached.stats().hitRate());
            }
            cached.close();
            slow.close();
            raw.close();
        }

        Object operate(KeyValueStore target) {
            String key = keys[zipf.next()];
            if (ThreadLocalRandom.current().nextInt(100) < writePercent) {
                target.put(key, value);
                return key;
            }
            return target.get(key);
        }
    }

    /** @return the result of one Zipfian operation through the cache */
    @Benchmark
    @Threads(8)
    @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object zipfWithCache(Zipf state) {
        return state.operate(state.cached);
    }

    /** @return the result of one Zipfian operation on the slow store itself */
    @Benchmark
    @Threads(8)
    @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object zipfWithoutCache(Zipf state) {
        return state.operate(state.slow);
    }
}
