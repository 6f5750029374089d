package org.kvcaches.fs;

import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;

/**
 * A writer to be killed mid-put: streams a value into a store, prints {@code writing} once its first
 * 64 KiB are in the temp file, then waits forever for the rest. Arguments: the store's URI, the key.
 */
public final class KilledWriterMain {
    private KilledWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (KeyValueStore store = KeyValueStores.open(args[0])) {
            store.put(args[1], new InputStream() {
                private boolean first = true;

                @Override
                public int read() {
                    throw new UnsupportedOperationException("the store reads in blocks");
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (first) {
                        first = false;
                        Arrays.fill(b, off, off + len, (byte) 'n');
                        return len;
                    }
                    // The store asks for more only after writing the first block to its temp file.
                    System.out.println("writing");
                    System.out.flush();
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return -1;
                }
            });
        }
    }
}
