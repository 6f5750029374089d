package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KeyValueStore;

/** Overwrites are atomic: concurrent readers only ever see a complete old or new value. */
public interface AtomicityContract extends StoreContract {
    /** Size of the alternating values; large enough that a torn write would show. */
    int VALUE_SIZE = 256 * 1024;

    private static byte[] filled(char c, int size) {
        byte[] value = new byte[size];
        Arrays.fill(value, (byte) c);
        return value;
    }

    private static String check(byte[] read) {
        if (read.length != VALUE_SIZE && read.length != VALUE_SIZE / 2) {
            return "read a value of " + read.length + " bytes";
        }
        byte first = read[0];
        for (byte b : read) {
            if (b != first) {
                return "read a mix of two values";
            }
        }
        if ((first == 'a' && read.length != VALUE_SIZE) || (first == 'b' && read.length != VALUE_SIZE / 2)) {
            return "read a truncated value";
        }
        return null;
    }

    @Test
    default void concurrentOverwritesAreSeenWholeByGet(KeyValueStore store) throws Exception {
        raceOverwrites(store, false);
    }

    @Test
    default void concurrentOverwritesAreSeenWholeByOpen(KeyValueStore store) throws Exception {
        raceOverwrites(store, true);
    }

    private static void raceOverwrites(KeyValueStore store, boolean streamed) throws Exception {
        byte[] a = filled('a', VALUE_SIZE);
        byte[] b = filled('b', VALUE_SIZE / 2);
        store.put("contended", a);
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicInteger reads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            int writes = 20 * TestValues.repetitions();
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < writes; i++) {
                    byte[] next = i % 2 == 0 ? b : a;
                    if (streamed) {
                        store.put("contended", new ByteArrayInputStream(next));
                    } else {
                        store.put("contended", next);
                    }
                }
                stop.set(true);
                return null;
            });
            List<Future<?>> readers = List.of(pool.submit(() -> read(store, streamed, stop, problems, reads)),
                    pool.submit(() -> read(store, streamed, stop, problems, reads)));
            writer.get(90, TimeUnit.SECONDS);
            for (Future<?> reader : readers) {
                reader.get(90, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        assertTrue(problems.isEmpty(), "after " + reads.get() + " reads: " + problems.stream().distinct().toList());
        assertEquals(null, check(store.get("contended")), "the value left after the overwrites is whole (null: no problem found)");
    }

    private static Void read(KeyValueStore store, boolean streamed, AtomicBoolean stop, ConcurrentLinkedQueue<String> problems,
                             AtomicInteger reads) throws IOException {
        while (!stop.get()) {
            byte[] value;
            try {
                if (streamed) {
                    try (InputStream in = store.open("contended")) {
                        value = in.readAllBytes();
                    }
                } else {
                    value = store.get("contended");
                }
            } catch (KeyNotFoundException e) {
                problems.add("the key was missing during an overwrite");
                continue;
            }
            reads.incrementAndGet();
            String problem = check(value);
            if (problem != null) {
                problems.add(problem);
            }
        }
        return null;
    }
}
