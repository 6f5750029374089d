package org.kvcaches.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * The {@code file:} store against plain java.nio doing the same work: a put creates a temp file
 * beside the target with one open, writes it and moves it over the target atomically; a get reads
 * all bytes. Same disk, same sizes, one run; run it with {@code -t 8} as well to see how puts scale
 * with threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FileSystemBenchmark {
    private static final int KEYS = 256;

    @Param({"1024", "1048576"})
    public int valueSize;

    private Path base;
    private Path rawRoot;
    private KeyValueStore store;
    private byte[] value;
    private String[] keys;

    /** Fills both with the same keys and values. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        base = Files.createTempDirectory("kv-bench-fs");
        rawRoot = Files.createDirectories(base.resolve("raw"));
        store = KeyValueStores.open(base.resolve("store").toUri().toString());
        value = new byte[valueSize];
        ThreadLocalRandom.current().nextBytes(value);
        keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "key-" + i;
            store.put(keys[i], value);
            Files.write(rawRoot.resolve(keys[i]), value);
        }
    }

    /** Deletes everything. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(base)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private String anyKey() {
        return keys[ThreadLocalRandom.current().nextInt(KEYS)];
    }

    /** Puts through the store. */
    @Benchmark
    public void storePut() {
        store.put(anyKey(), value);
    }

    /**
     * Creates a temp file with one open, writes it and moves it over the target atomically: the
     * least an atomic put can do. ({@code Files.createTempFile} plus {@code Files.write} would open
     * twice and truncate, which on ext4 forces the data out on close and costs about 3x.)
     */
    @Benchmark
    public void rawPut() {
        try {
            // 64 random bits of this thread's generator, as the store draws them: UUID.randomUUID() shares one
            // SecureRandom lock among the threads, which would hold the baseline back at 8 threads.
            Path temp = rawRoot.resolve("~tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.write(value);
            }
            Files.move(temp, rawRoot.resolve(anyKey()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a value read through the store */
    @Benchmark
    public byte[] storeGet() {
        return store.get(anyKey());
    }

    /** @return a value read with {@link Files#readAllBytes(Path)} */
    @Benchmark
    public byte[] rawGet() {
        try {
            return Files.readAllBytes(rawRoot.resolve(anyKey()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
