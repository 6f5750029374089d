package org.kvcaches.bench;

import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * {@link FileSystemBenchmark}'s two puts (the store's, and plain java.nio's temp file + atomic move)
 * measured in alternation on one thread as CPU time per put ({@link Alternation}), for a machine too
 * busy for JMH's throughput to compare runs. The temp folder is {@code java.io.tmpdir}:
 * {@code java -Djava.io.tmpdir=/dev/shm -cp kv-bench/target/benchmarks.jar org.kvcaches.bench.FilePutCost [valueSize] [rounds]}.
 */
public final class FilePutCost {
    private static final int PUTS_PER_SLICE = 2_000;

    private FilePutCost() {
    }

    /**
     * @param args the value size in bytes (default 1024) and the number of measured rounds (default 30)
     * @throws IOException when the temp folder cannot be made or removed
     */
    public static void main(String[] args) throws IOException {
        FileSystemBenchmark puts = new FileSystemBenchmark();
        puts.valueSize = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        puts.setUp();
        try {
            LongSupplier[] variants = {() -> {
                puts.rawPut();
                return 1;
            }, () -> {
                puts.storePut();
                return 1;
            }};
            double[] nanos = Alternation.medians(variants, PUTS_PER_SLICE, 10, rounds)[Alternation.CPU];
            System.out.printf("rawPut   %9.0f ns CPU per put (median of %d rounds)%n", nanos[0], rounds);
            System.out.printf("storePut %9.0f ns CPU per put  %.3fx raw's throughput per CPU second%n", nanos[1], nanos[0] / nanos[1]);
        } finally {
            puts.tearDown();
        }
    }
}
