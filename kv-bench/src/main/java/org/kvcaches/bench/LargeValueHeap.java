package org.kvcaches.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.spi.StoreOptions;

/**
 * Streams one large value into a store and back out, and prints the peak heap the JVM used. Run it
 * with a small {@code -Xmx} to prove that memory does not grow with the value's size:
 * {@code java -Xmx64m -cp kv-bench/target/benchmarks.jar org.kvcaches.bench.LargeValueHeap file:///tmp/kv-large 1GiB}.
 */
public final class LargeValueHeap {
    private LargeValueHeap() {
    }

    /**
     * @param args the store URI and the value size (e.g. {@code 1GiB})
     * @throws IOException when the stream fails
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: LargeValueHeap STORE_URI SIZE   (e.g. file:///tmp/kv-large 1GiB)");
            System.exit(2);
        }
        long size = StoreOptions.parseSize(args[1]);
        resetPeaks();
        long start = System.nanoTime();
        try (KeyValueStore store = KeyValueStores.open(args[0])) {
            store.put("large-value", generated(size));
            long[] read = {0};
            store.copyTo("large-value", new OutputStream() {
                @Override
                public void write(int b) {
                    read[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    read[0] += len;
                }
            });
            store.delete("large-value");
            if (read[0] != size) {
                throw new IllegalStateException("read " + read[0] + " bytes, wrote " + size);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("streamed %d MiB in and out in %.1f s; peak heap used %.1f MiB (max heap %d MiB)%n",
                size >> 20, seconds, peakHeap() / 1048576.0, Runtime.getRuntime().maxMemory() >> 20);
    }

    /** @return {@code size} bytes of a fixed pattern, made as they are read */
    static InputStream generated(long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left > 0 ? (int) (left--) & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                for (int i = off; i < off + n; i++) {
                    b[i] = (byte) (left - (i - off));
                }
                left -= n;
                return n;
            }
        };
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
