package org.kvcaches.tck.fault;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KeyValueStore;

/**
 * Counts reads and the failed ones (an exception, a wrong or missing value) with the first few
 * failures described; safe for concurrent use.
 */
final class ReadTally {
    private static final int EXAMPLES = 5;
    private static final String ABSENT = "absent/never-written";

    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<String> examples = new ArrayList<>();

    /**
     * Reads every key in every way (get, find, open, contains, size, and getAll of all), and a key
     * that was never written.
     *
     * @param store the store to read
     * @param expected each key's value, or null when the key must be absent
     * @return the tally of those reads
     */
    static ReadTally readAll(KeyValueStore store, Map<String, byte[]> expected) {
        ReadTally tally = new ReadTally();
        expected.forEach((key, value) -> tally.readEveryWay(store, key, value));
        tally.readEveryWay(store, ABSENT, null);
        List<String> keys = new ArrayList<>(expected.keySet());
        keys.add(ABSENT);
        try {
            Map<String, byte[]> all = store.getAll(keys);
            keys.forEach(key -> tally.compare("getAll", key, expected.get(key), Optional.ofNullable(all.get(key))));
        } catch (RuntimeException e) {
            tally.record("getAll of " + keys.size() + " keys threw " + e);
        }
        return tally;
    }

    private void readEveryWay(KeyValueStore store, String key, byte[] value) {
        read("get", key, value, () -> {
            try {
                return Optional.of(store.get(key));
            } catch (KeyNotFoundException e) {
                return Optional.empty();
            }
        });
        read("find", key, value, () -> store.find(key));
        read("open", key, value, () -> {
            try (InputStream in = store.open(key)) {
                return Optional.of(in.readAllBytes());
            } catch (KeyNotFoundException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            boolean contains = store.contains(key);
            record(contains == (value != null) ? null : "contains('" + key + "') said " + contains);
        } catch (RuntimeException e) {
            record("contains('" + key + "') threw " + e);
        }
        try {
            long size = store.size(key);
            record(value != null && size == value.length ? null : "size('" + key + "') was " + size + ", expected "
                    + (value == null ? "KeyNotFoundException" : value.length));
        } catch (KeyNotFoundException e) {
            record(value == null ? null : "size('" + key + "') threw " + e);
        } catch (RuntimeException e) {
            record("size('" + key + "') threw " + e);
        }
    }

    private void read(String how, String key, byte[] expected, Supplier<Optional<byte[]>> read) {
        Optional<byte[]> actual;
        try {
            actual = read.get();
        } catch (RuntimeException e) {
            record(how + "('" + key + "') threw " + e);
            return;
        }
        compare(how, key, expected, actual);
    }

    private void compare(String how, String key, byte[] expected, Optional<byte[]> actual) {
        if (expected == null) {
            record(actual.isEmpty() ? null : how + "('" + key + "') returned " + text(actual.get()) + " for a key without a value");
        } else if (actual.isEmpty()) {
            record(how + "('" + key + "') found no value, expected " + text(expected));
        } else {
            record(Arrays.equals(expected, actual.get()) ? null : how + "('" + key + "') returned " + text(actual.get())
                    + " instead of " + text(expected));
        }
    }

    /**
     * Counts one read.
     *
     * @param failure what went wrong, or null when the read was right
     */
    void record(String failure) {
        reads.incrementAndGet();
        if (failure != null) {
            failed.incrementAndGet();
            synchronized (examples) {
                if (examples.size() < EXAMPLES) {
                    examples.add(failure);
                }
            }
        }
    }

    /** @return how many reads were counted so far */
    long reads() {
        return reads.get();
    }

    /** Adds another tally's counts and examples to this one. */
    void add(ReadTally other) {
        reads.addAndGet(other.reads.get());
        failed.addAndGet(other.failed.get());
        synchronized (examples) {
            for (String example : other.examples) {
                if (examples.size() < EXAMPLES) {
                    examples.add(example);
                }
            }
        }
    }

    /**
     * @param when when the reads were made, for the message
     * @throws AssertionError when a read failed, or none was made
     */
    void assertNoneFailed(String when) {
        assertTrue(reads.get() > 0, "no read was made " + when);
        synchronized (examples) {
            assertTrue(failed.get() == 0, failed.get() + " of " + reads.get() + " reads failed " + when + "; the first: "
                    + String.join("; ", examples));
        }
    }

    /** @return a value's leading text (key and version, as the contracts write them) and its length */
    static String text(byte[] value) {
        int end = 0;
        int spaces = 0;
        while (end < value.length && end < 60 && spaces < 2) {
            if (value[end++] == ' ') {
                spaces++;
            }
        }
        String head = new String(value, 0, end, StandardCharsets.US_ASCII).replaceAll("[^ -~]", "?").strip();
        return "'" + head + "' (" + value.length + " bytes)";
    }
}
