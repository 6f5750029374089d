package org.kvcaches.bench;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
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

/**
 * The {@code mem:} store against a bare {@link ConcurrentHashMap} doing the same work (copy the value
 * in on put, copy it out on get), so the result is the cost of key checks and the store contract.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MemoryStoreBenchmark {
    private static final int KEYS = 1024;

    @Param({"1024"})
    public int valueSize;

    private KeyValueStore store;
    private ConcurrentHashMap<String, byte[]> map;
    private String[] keys;
    private byte[] value;

    /** Fills both with the same keys and values. */
    @Setup(Level.Trial)
    public void setUp() {
        store = KeyValueStores.open("mem:");
        map = new ConcurrentHashMap<>();
        value = new byte[valueSize];
        ThreadLocalRandom.current().nextBytes(value);
        keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "bench/key-" + i;
            store.put(keys[i], value);
            map.put(keys[i], value.clone());
        }
    }

    /** Releases the store. */
    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
    }

    private String anyKey() {
        return keys[ThreadLocalRandom.current().nextInt(KEYS)];
    }

    /** @return a value read through the store */
    @Benchmark
    public byte[] storeGet() {
        return store.get(anyKey());
    }

    /** @return a value read from the map, copied like the store does */
    @Benchmark
    public byte[] rawGet() {
        return map.get(anyKey()).clone();
    }

    /** Writes through the store. */
    @Benchmark
    public void storePut() {
        store.put(anyKey(), value);
    }

    /** @return the previous value, after writing a copy to the map */
    @Benchmark
    public byte[] rawPut() {
        return map.put(anyKey(), value.clone());
    }
}
