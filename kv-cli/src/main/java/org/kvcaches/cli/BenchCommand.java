package org.kvcaches.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.Keys;
import org.kvcaches.cache.CacheStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kv bench}: preloads keys, runs a read/write mix from several threads for a while, and
 * reports throughput, latency percentiles and each cache tier's hit ratio.
 */
@Command(name = "bench",
        description = {
            "Measure a store or tier chain: ops/s, latency, hit ratio per tier.",
            "Writes --keys values of --value-size under --prefix, then reads and writes them"
                + " from --threads threads (--reads is the read share, keys picked Zipfian or uniform) for --warmup,"
                + " then for --duration while measuring. It prints ops/s, latency percentiles per operation and, for a chain,"
                + " each cache tier's hit ratio; removes its keys at the end unless --keep.",
            "Progress goes to standard error, the report to standard output."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  kv bench                                               the embedded file store",
            "  kv bench --store 'heap://?maxBytes=64MiB | file:kv-data' --duration 20s",
            "  kv bench --store redis://localhost:6379/0 --reads 0.5 --distribution uniform",
            "  kv bench --store 'heap:// | redis://cache:6379/0?prefix=app-cache: | file:/data' --keys 100000 --json",
            "  kv bench --store 'heap://?maxBytes=64MiB | file:kv-data' --meters     also print the Micrometer meters",
            "",
            "The Zipfian distribution (YCSB's, skew --zipf-theta) makes a few keys hot, as real traffic does, so a cache"
                + " in front shows its hit ratio; uniform keys show the worst case for a cache smaller than the data."})
final class BenchCommand extends StoreCommand {
    /** How keys are picked. */
    enum Distribution { zipfian, uniform }

    @Option(names = "--keys", paramLabel = "N", defaultValue = "10000", description = "How many keys (default: ${DEFAULT-VALUE}).")
    int keyCount;

    @Option(names = "--value-size", paramLabel = "SIZE", defaultValue = "1KiB", converter = Converters.Size.class,
            description = "Bytes per value: 100, 4KiB, 1MiB (default: ${DEFAULT-VALUE}).")
    long valueSize;

    @Option(names = "--reads", paramLabel = "SHARE", defaultValue = "0.9",
            description = "Share of operations that are reads (get); the rest are writes (put). 0 to 1 (default: ${DEFAULT-VALUE}).")
    double reads;

    @Option(names = "--distribution", paramLabel = "KIND", defaultValue = "zipfian",
            description = "Which keys operations touch: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Distribution distribution;

    @Option(names = "--zipf-theta", paramLabel = "THETA", defaultValue = "0.99",
            description = "Skew of the Zipfian distribution, between 0 and 1 exclusive; higher is hotter (default: ${DEFAULT-VALUE}).")
    double theta;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "4", description = "Threads running operations (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "10s", converter = Converters.Time.class,
            description = "How long to measure (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "TIME", defaultValue = "2s", converter = Converters.Time.class,
            description = "How long to run before measuring, to fill caches and warm the JIT (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--prefix", paramLabel = "P", defaultValue = "kv-bench/",
            description = "Where the benchmark's keys live; existing keys of the same names are overwritten (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--keep", description = "Leave the benchmark's keys in the store afterwards.")
    boolean keep;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--meters", description = "Bind the store to a Micrometer registry as kv-micrometer does (tier statistics,"
            + " timed operations) and print its non-zero meters after the report.")
    boolean meters;

    /** Set when one thread failed, so the others stop at their next operation. */
    private volatile boolean stopping;

    @Override
    int run(KeyValueStore kvStore) throws Exception {
        validate();
        PrintStream err = environment().err();
        String[] keys = new String[keyCount];
        String format = "%s%0" + String.valueOf(keyCount - 1).length() + "d";
        for (int i = 0; i < keyCount; i++) {
            keys[i] = String.format(Locale.ROOT, format, prefix, i);
        }
        Keys.requireValid(keys[keyCount - 1]);
        KeyChooser chooser = distribution == Distribution.zipfian ? KeyChooser.zipfian(keyCount, theta, 42) : KeyChooser.uniform(keyCount);
        Tiers tiers = new Tiers(kvStore);
        BenchMeters registry = meters ? new BenchMeters(kvStore) : null;
        KeyValueStore measured = registry != null ? registry.store() : kvStore;
        try {
            err.printf("kv bench: writing %s keys of %s to %s%n", Units.count(keyCount), Units.bytes(valueSize), kvStore);
            preload(measured, keys);
            err.printf("kv bench: %s warm-up, then measuring for %s with %d threads%n", Units.duration(warmup), Units.duration(duration), threads);
            WorkloadReport report = measure(measured, keys, chooser, tiers);
            if (json) {
                Map<String, Object> root = report.json();
                if (registry != null) {
                    root.put("meters", registry.json());
                }
                environment().out().println(Json.write(root));
            } else {
                report.printText(environment().out());
                if (registry != null) {
                    registry.printText(environment().out());
                }
            }
        } finally {
            if (!keep) {
                err.printf("kv bench: removing the %s keys%n", Units.count(keyCount));
                removeKeys(kvStore, keys);
            }
        }
        environment().out().flush();
        return Kv.OK;
    }

    private void validate() {
        if (keyCount < 1) {
            throw usage("--keys must be at least 1, not " + keyCount);
        }
        if (valueSize > Integer.MAX_VALUE - 64) {
            throw usage("--value-size must be under 2 GiB, not " + Units.bytes(valueSize));
        }
        if (!(reads >= 0 && reads <= 1)) {
            throw usage("--reads is the share of reads, from 0 to 1, not " + reads);
        }
        if (threads < 1) {
            throw usage("--threads must be at least 1, not " + threads);
        }
        if (duration.isZero()) {
            throw usage("--duration must be longer than 0");
        }
        if (distribution == Distribution.zipfian && !(theta > 0 && theta < 1)) {
            throw usage("--zipf-theta must be between 0 and 1 exclusive, not " + theta);
        }
        Keys.requireValidPrefix(prefix);
    }

    private void preload(KeyValueStore kvStore, String[] keys) throws InterruptedException {
        runThreads(t -> {
            byte[] value = randomValue(t);
            for (int i = t; i < keys.length && !stopping; i += threads) {
                kvStore.put(keys[i], value);
            }
        });
    }

    private byte[] randomValue(int seed) {
        byte[] value = new byte[(int) valueSize];
        new SplittableRandom(seed).nextBytes(value);
        return value;
    }

    private WorkloadReport measure(KeyValueStore kvStore, String[] keys, KeyChooser chooser, Tiers tiers) throws InterruptedException {
        LatencyRecorder[] readLatency = new LatencyRecorder[threads];
        LatencyRecorder[] writeLatency = new LatencyRecorder[threads];
        LongAdder notFound = new LongAdder();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        AtomicReference<List<CacheStats>> before = new AtomicReference<>();
        Thread snapshotter = new Thread(() -> {
            sleepUntil(measureFrom);
            before.set(tiers.snapshot());
        }, "kv-bench-snapshot");
        snapshotter.setDaemon(true);
        snapshotter.start();
        runThreads(t -> {
            LatencyRecorder readRecorder = new LatencyRecorder();
            LatencyRecorder writeRecorder = new LatencyRecorder();
            readLatency[t] = readRecorder;
            writeLatency[t] = writeRecorder;
            SplittableRandom random = new SplittableRandom(System.nanoTime() + t);
            byte[] value = randomValue(1000 + t);
            while (true) {
                long begin = System.nanoTime();
                if (begin >= end || stopping) {
                    break;
                }
                String key = keys[chooser.next(random)];
                boolean read = random.nextDouble() < reads;
                if (read) {
                    if (kvStore.find(key).isEmpty()) {
                        notFound.increment();
                    }
                } else {
                    kvStore.put(key, value);
                }
                long took = System.nanoTime() - begin;
                if (begin >= measureFrom) {
                    (read ? readRecorder : writeRecorder).record(took);
                }
            }
        });
        long finished = System.nanoTime();
        snapshotter.join();
        List<CacheStats> after = tiers.snapshot();
        LatencyRecorder readTotal = new LatencyRecorder();
        LatencyRecorder writeTotal = new LatencyRecorder();
        for (int t = 0; t < threads; t++) {
            readTotal.add(readLatency[t]);
            writeTotal.add(writeLatency[t]);
        }
        Map<String, LatencyRecorder> operations = new LinkedHashMap<>();
        operations.put("read", readTotal);
        operations.put("write", writeTotal);
        Map<String, Object> workload = new LinkedHashMap<>();
        workload.put("keys", keyCount);
        workload.put("valueSize", valueSize);
        workload.put("reads", reads);
        workload.put("distribution", distribution.name());
        workload.put("zipfTheta", distribution == Distribution.zipfian ? theta : null);
        workload.put("threads", threads);
        workload.put("warmupSeconds", warmup.toNanos() / 1e9);
        workload.put("durationSeconds", duration.toNanos() / 1e9);
        String text = String.format(Locale.ROOT, "%s keys x %s, %s reads, %s, %d threads, %s warm-up",
                Units.count(keyCount), Units.bytes(valueSize), Units.percent(reads),
                distribution == Distribution.zipfian ? "zipfian (theta " + theta + ")" : "uniform", threads, Units.duration(warmup));
        return new WorkloadReport("bench", kvStore.toString(), text, workload, (finished - measureFrom) / 1e9,
                operations, notFound.sum(), tiers.report(before.get(), after, readTotal.count()));
    }

    /** The per-tier statistics count reads, so the warm-up's are subtracted with a snapshot taken when it ends. */
    private static void sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void removeKeys(KeyValueStore kvStore, String[] keys) {
        List<String> all = List.of(keys);
        for (int from = 0; from < keys.length; from += RmCommand.BATCH) {
            kvStore.deleteAll(all.subList(from, Math.min(keys.length, from + RmCommand.BATCH)));
        }
    }

    /** Work of one thread; {@code thread} is its number from 0. */
    private interface ThreadWork {
        void run(int thread);
    }

    /** Runs the work on every thread and waits; the first failure stops the others and is rethrown. */
    private void runThreads(ThreadWork work) throws InterruptedException {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int number = t;
            Thread thread = new Thread(() -> {
                try {
                    work.run(number);
                } catch (RuntimeException e) {
                    if (!failure.compareAndSet(null, e)) {
                        failure.get().addSuppressed(e);
                    }
                    stopping = true;
                }
            }, "kv-bench-" + t);
            thread.setDaemon(true);
            running.add(thread);
        }
        running.forEach(Thread::start);
        for (Thread thread : running) {
            thread.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
