package org.kvcaches.fs;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Iterator;
import java.util.stream.Stream;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;

/**
 * Lists every key of a store and prints {@code listed <count> heapBefore <bytes> heapDuring <bytes>}:
 * the heap in use after a full collection before the listing and half way through it. Argument:
 * the store's URI, and the count at which to measure.
 */
public final class ListingMain {
    private ListingMain() {
    }

    public static void main(String[] args) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long half = Long.parseLong(args[1]);
        try (KeyValueStore store = KeyValueStores.open(args[0]); Stream<String> keys = store.keys("")) {
            System.gc();
            long before = memory.getHeapMemoryUsage().getUsed();
            long during = -1;
            long count = 0;
            for (Iterator<String> it = keys.iterator(); it.hasNext(); it.next()) {
                if (++count == half) {
                    System.gc();
                    during = memory.getHeapMemoryUsage().getUsed();
                }
            }
            System.out.println("listed " + count + " heapBefore " + before + " heapDuring " + during);
        }
    }
}
