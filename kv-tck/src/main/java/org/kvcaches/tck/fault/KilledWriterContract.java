package org.kvcaches.tck.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.tck.StoreContract;
import org.kvcaches.tck.StoreFixture;

/**
 * A writer killed in the middle of a streamed put: another JVM opens the store from its URI and
 * streams an endless value into it with {@code put(key, InputStream)}; once it has handed
 * {@link KilledWriterFixture#bytesBeforeKill()} bytes to the store it is killed with SIGKILL (no
 * {@code finally}, no shutdown hook, no abort of the upload runs). Afterwards the old value is whole,
 * nothing is listed that was not put (no key, no folder), and the key can be written again: checked
 * through the test's store and through a store opened afresh from the URI, as another process sees
 * it.
 */
public interface KilledWriterContract extends StoreContract {
    /** How often the writer reports its progress. */
    long PROGRESS_STEP = 1L << 20;
    /** The size of the value the killed writer was replacing. */
    int OLD_VALUE_SIZE = (1 << 20) + 3;
    /** The longest wait for the writer to open the store, or to stream enough. */
    Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @Override
    KilledWriterFixture fixture();

    /** The killed writer was replacing a value: the old value is whole, and nothing else is listed. */
    @Test
    default void aWriterKilledMidPutLeavesTheOldValueWhole(KeyValueStore store, StoreFixture fixture) {
        byte[] old = random(OLD_VALUE_SIZE);
        byte[] bystander = random(100);
        store.put("victim", old);
        store.put("bystander/a", bystander);
        KilledWriterFixture writers = writers(fixture);
        String uri = writers.uri(store);
        killMidPut(writers, uri, "victim");
        try (KeyValueStore fresh = KeyValueStores.open(uri)) {
            for (KeyValueStore seen : List.of(store, fresh)) {
                String through = through(seen, store);
                assertWhole(seen, "victim", old, through);
                assertWhole(seen, "bystander/a", bystander, through);
                assertListed(seen, Set.of("victim", "bystander/a"), Set.of("victim", "bystander/"), through);
            }
            byte[] next = random(1000);
            fresh.put("victim", next);
            assertArrayEquals(next, store.get("victim"), "the key can be written again after the crash");
        }
    }

    /** The killed writer was creating a key in a new folder: no key, and no folder, is listed. */
    @Test
    default void aWriterKilledMidPutOfANewKeyLeavesNothingListed(KeyValueStore store, StoreFixture fixture) {
        byte[] bystander = random(100);
        store.put("bystander", bystander);
        KilledWriterFixture writers = writers(fixture);
        String uri = writers.uri(store);
        killMidPut(writers, uri, "folder/newcomer");
        try (KeyValueStore fresh = KeyValueStores.open(uri)) {
            for (KeyValueStore seen : List.of(store, fresh)) {
                String through = through(seen, store);
                assertFalse(seen.contains("folder/newcomer"), "the key of the killed put exists, through " + through);
                assertTrue(seen.find("folder/newcomer").isEmpty(), "the key of the killed put has a value, through " + through);
                assertListed(seen, Set.of("bystander"), Set.of("bystander"), through);
                assertEquals(Set.of(), listed(seen.keys("folder/")), "keys under the killed put's folder, through " + through);
            }
            byte[] next = random(1000);
            fresh.put("folder/newcomer", next);
            assertArrayEquals(next, store.get("folder/newcomer"), "the key can be written after the crash");
        }
    }

    /**
     * Starts a writer JVM on the URI, lets it stream into the key until it has handed the store
     * {@link KilledWriterFixture#bytesBeforeKill()} bytes, and kills it with SIGKILL.
     */
    private static void killMidPut(KilledWriterFixture fixture, String uri, String key) {
        long threshold = fixture.bytesBeforeKill();
        try (ChildJvm writer = ChildJvm.start(StreamingWriter.class, fixture.childJvmOptions())) {
            writer.send("open " + uri);
            assertEquals("opened", writer.awaitLine(line -> !line.isBlank(), CHILD_TIMEOUT), "the writer opened the store");
            writer.send("put " + key + " " + PROGRESS_STEP);
            String last = writer.awaitLine(line -> !line.startsWith("progress ")
                    || Long.parseLong(line.substring("progress ".length())) >= threshold, CHILD_TIMEOUT);
            assertTrue(last.startsWith("progress "), "the writer was still streaming when it was to be killed, but it said: " + last);
            assertEquals(137, writer.kill(), "the writer died of SIGKILL");
        }
    }

    private static KilledWriterFixture writers(StoreFixture fixture) {
        if (!(fixture instanceof KilledWriterFixture writers)) {
            throw new IllegalStateException("a KilledWriterContract needs a KilledWriterFixture, got " + fixture.getClass().getName());
        }
        return writers;
    }

    private static void assertWhole(KeyValueStore store, String key, byte[] value, String through) {
        byte[] read = store.get(key);
        assertEquals(value.length, read.length, "the length of '" + key + "' through " + through);
        assertArrayEquals(value, read, "the bytes of '" + key + "' through " + through);
        assertEquals(value.length, store.size(key), "the size of '" + key + "' through " + through);
        try (InputStream in = store.open(key)) {
            assertArrayEquals(value, in.readAllBytes(), "the stream of '" + key + "' through " + through);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String through(KeyValueStore seen, KeyValueStore testStore) {
        return seen == testStore ? "the test's store" : "a store opened afresh";
    }

    /** Asserts that exactly these keys and these first-level {@code /} prefixes are listed. */
    private static void assertListed(KeyValueStore store, Set<String> keys, Set<String> prefixes, String through) {
        assertEquals(keys, listed(store.keys("")), "keys listed through " + through);
        assertEquals(prefixes, listed(store.prefixes("", "/")), "prefixes listed through " + through);
    }

    private static Set<String> listed(Stream<String> listing) {
        try (listing) {
            return new TreeSet<>(listing.toList());
        }
    }

    private static byte[] random(int size) {
        byte[] value = new byte[size];
        ThreadLocalRandom.current().nextBytes(value);
        return value;
    }
}
