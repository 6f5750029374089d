package org.kvcaches.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
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
 * What a read costs once a cache tier's breaker is open: {@code heap?maxEntries=1 | redis | file}
 * with the Redis tier down (nothing listens on its port, so it starts skipped, and probes are an
 * hour apart), against the bare {@code file:} store, 1 KiB values read round robin over 50 keys.
 * The one-entry heap tier misses on every read, so each read passes the skipped tier. Sample time,
 * so JMH prints p50/p99 next to the mean.
 *
 * <p>Run: {@code java -jar kv-bench/target/benchmarks.jar SkippedTierBenchmark -f 1 -wi 2 -i 3 -w 2s -r 3s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SkippedTierBenchmark {
    private static final int KEYS = 50;

    private Path folder;
    private KeyValueStore file;
    private KeyValueStore chain;
    private final String[] keys = new String[KEYS];
    private int next;

    /** Writes the values and opens the chain over a Redis port where nothing listens. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        folder = Files.createTempDirectory("kv-skipped-tier");
        file = KeyValueStores.open(folder.toUri().toString());
        for (int k = 0; k < KEYS; k++) {
            keys[k] = "k" + k;
            file.put(keys[k], new byte[1024]);
        }
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        chain = KeyValueStores.open("heap://?maxEntries=1 | redis://127.0.0.1:" + deadPort
                + "/0?prefix=skipped:&timeout=100ms&cache.probeInterval=1h | " + folder.toUri());
    }

    /** Closes both. */
    @TearDown(Level.Trial)
    public void tearDown() {
        chain.close();
        file.close();
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String key() {
        next = next + 1 == KEYS ? 0 : next + 1;
        return keys[next];
    }

    /** @return a value through the chain, past the skipped tier */
    @Benchmark
    public byte[] chainGet() {
        return chain.get(key());
    }

    /** @return a value from the bare store */
    @Benchmark
    public byte[] bareGet() {
        return file.get(key());
    }
}
