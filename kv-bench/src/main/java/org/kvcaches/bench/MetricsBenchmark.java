package org.kvcaches.bench;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.cache.CacheDecorator;
import org.kvcaches.micrometer.TierMetrics;
import org.kvcaches.micrometer.TimedKeyValueStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What kv-micrometer's meters cost on the cheapest read there is, a hit of a cached 1 KiB value in a
 * {@code heap: | mem:} chain: the bare chain against the same chain with its tiers' statistics bound
 * ({@link TierMetrics}, read only when the registry publishes) and a {@link TimedKeyValueStore} around
 * the whole chain, and against a chain whose {@code mem:} tier below is timed (a hit never reaches it;
 * {@code heap:} itself is never wrapped, see kv-micrometer's README). The registry is a
 * {@link SimpleMeterRegistry}. Target: under 10% over the bare chain.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MetricsBenchmark {
    private static final int KEYS = 1024;

    private KeyValueStore bare;
    private KeyValueStore timedChain;
    private KeyValueStore timedChainEveryRead;
    private KeyValueStore timedTiers;
    private String[] keys;

    /** Builds the four chains and reads every key once through each, so their caches hold them all. */
    @Setup(Level.Trial)
    public void setUp() {
        MeterRegistry registry = new SimpleMeterRegistry();
        bare = KeyValueStores.open("heap://?maxBytes=64MiB | mem:");
        KeyValueStore chain = TierMetrics.monitor(registry, KeyValueStores.open("heap://?maxBytes=64MiB | mem:"),
                "bench", Tags.empty());
        timedChain = TimedKeyValueStore.monitor(registry, chain, "chain", Tags.empty());
        timedChainEveryRead = TimedKeyValueStore.builder(registry, KeyValueStores.open("heap://?maxBytes=64MiB | mem:"),
                "every-read").readTimingSample(1).build();
        // heap: stays unwrapped: the decorator arbitrates fills in process only when it sees heap: itself.
        timedTiers = CacheDecorator.builder(KeyValueStores.open("heap://?maxBytes=64MiB"),
                TimedKeyValueStore.monitor(registry, KeyValueStores.open("mem:"), "tiers", Tags.of("tier", "2"))).build();
        keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "bench/key-" + i;
            byte[] value = new byte[1024];
            ThreadLocalRandom.current().nextBytes(value);
            for (KeyValueStore store : new KeyValueStore[] {bare, timedChain, timedChainEveryRead, timedTiers}) {
                store.put(keys[i], value);
                store.get(keys[i]);
            }
        }
    }

    /** Releases the chains. */
    @TearDown(Level.Trial)
    public void tearDown() {
        bare.close();
        timedChain.close();
        timedChainEveryRead.close();
        timedTiers.close();
    }

    private String anyKey() {
        return keys[ThreadLocalRandom.current().nextInt(KEYS)];
    }

    /** @return a cached value read through the chain without meters */
    @Benchmark
    public byte[] hitBare() {
        return bare.get(anyKey());
    }

    /** @return a cached value read through a timed chain whose tier statistics are bound */
    @Benchmark
    public byte[] hitTimedChain() {
        return timedChain.get(anyKey());
    }

    /** @return a cached value read through a timed chain that times every read, not one in 16 */
    @Benchmark
    public byte[] hitTimedChainEveryRead() {
        return timedChainEveryRead.get(anyKey());
    }

    /** @return a cached value read through a chain whose tier below is timed */
    @Benchmark
    public byte[] hitTimedTiers() {
        return timedTiers.get(anyKey());
    }
}
