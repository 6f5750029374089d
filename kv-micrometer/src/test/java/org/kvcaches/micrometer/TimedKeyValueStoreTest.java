package org.kvcaches.micrometer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.ListedValue;
import org.kvcaches.cache.CacheDecorator;

class TimedKeyValueStoreTest {
    @TempDir
    Path folder;

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private FunctionTimer timer(String... tags) {
        return registry.get("kv.store.operations").tags(tags).functionTimer();
    }

    private double bytes(String... tags) {
        return registry.get("kv.store.value.bytes").tags(tags).functionCounter().count();
    }

    @Test
    void getsPutsDeletesAndListingsOfAFileStoreAreTimedByOutcome() {
        try (KeyValueStore store = TimedKeyValueStore.monitor(registry, KeyValueStores.open(folder.toUri().toString()),
                "files", Tags.of("app", "test"))) {
            store.put("a", new byte[10]);
            store.put("b", new byte[20]);
            store.put("c", new ByteArrayInputStream(new byte[30]));
            store.get("a");
            store.find("b");
            store.find("absent");
            assertThrows(KeyNotFoundException.class, () -> store.get("absent"));
            store.delete("c");
            try (Stream<String> keys = store.keys("")) {
                assertEquals(2, keys.count());
            }
            assertEquals(10, store.stat("a").orElseThrow().size());
            assertTrue(store.stat("absent").isEmpty());
            try (Stream<ListedValue> values = store.list("")) {
                assertEquals(30, values.mapToLong(v -> v.info().size()).sum());
            }

            String[] files = {"store", "files", "scheme", "file", "app", "test"};
            assertEquals(3, timer(with(files, "operation", "put", "outcome", "success")).count());
            assertEquals(2, timer(with(files, "operation", "get", "outcome", "success")).count());
            assertEquals(2, timer(with(files, "operation", "get", "outcome", "not_found")).count());
            assertEquals(1, timer(with(files, "operation", "delete", "outcome", "success")).count());
            assertEquals(2, timer(with(files, "operation", "list", "outcome", "success")).count(), "keys and list");
            assertEquals(1, timer(with(files, "operation", "stat", "outcome", "success")).count());
            assertEquals(1, timer(with(files, "operation", "stat", "outcome", "not_found")).count());
            assertTrue(timer(with(files, "operation", "put", "outcome", "success")).totalTime(TimeUnit.NANOSECONDS) > 0);
            assertEquals(30, bytes(with(files, "operation", "put")), "the streamed 30 bytes are not counted");
            assertEquals(30, bytes(with(files, "operation", "get")));
        }
    }

    @Test
    void aFailingOperationIsTimedAsAnErrorNamingTheException() {
        KeyValueStore heap = KeyValueStores.open("heap://");
        try (KeyValueStore store = TimedKeyValueStore.monitor(registry, heap, "broken", Tags.empty())) {
            store.put("k", new byte[1]);
            heap.close();
            assertThrows(IllegalStateException.class, () -> store.get("k"));

            FunctionTimer errors = timer("store", "broken", "scheme", "heap", "operation", "get", "outcome", "error",
                    "exception", "IllegalStateException");
            assertEquals(1, errors.count());
            assertEquals(0, timer("store", "broken", "operation", "get", "outcome", "success").count());
        }
    }

    @Test
    void timedTiersOfAChainShowThatHitsNeverReachTheTierBelow() {
        KeyValueStore heap = KeyValueStores.open("heap://");     // not wrapped: the decorator must see heap: itself
        KeyValueStore file = TimedKeyValueStore.monitor(registry, KeyValueStores.open(folder.toUri().toString()), "chain",
                Tags.of("tier", "2"));
        try (KeyValueStore chain = CacheDecorator.builder(heap, file).build()) {
            chain.put("k", new byte[100]);
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(new byte[100], chain.get("k"));
            }

            assertEquals(1, timer("tier", "2", "scheme", "file", "operation", "get", "outcome", "success").count(),
                    "one load from file:, four hits in heap:");
            assertEquals(1, timer("tier", "2", "scheme", "file", "operation", "put", "outcome", "success").count());
            assertEquals(100, bytes("tier", "2", "operation", "get"));
        }
    }

    @Test
    void theSchemeTagOfAChainNamesEveryTier() {
        try (KeyValueStore store = TimedKeyValueStore.monitor(registry,
                KeyValueStores.open("heap:// | mem: | " + folder.toUri()), "whole", Tags.empty())) {
            store.put("k", new byte[1]);
            assertEquals(1, timer("store", "whole", "scheme", "heap|mem|file", "operation", "put").count());
        }
    }

    @Test
    void everyReadIsCountedAndASampleOfThemIsTimed() {
        try (KeyValueStore store = TimedKeyValueStore.monitor(registry, KeyValueStores.open("heap://"), "sampled",
                Tags.empty())) {
            store.put("k", new byte[8]);
            for (int i = 0; i < 2_000; i++) {
                store.get("k");
                store.find("absent");
            }

            FunctionTimer hits = timer("store", "sampled", "operation", "get", "outcome", "success");
            assertEquals(2_000, hits.count(), "counts are exact although one read in 16 is timed");
            assertEquals(2_000, timer("store", "sampled", "operation", "get", "outcome", "not_found").count());
            assertEquals(16_000, bytes("store", "sampled", "operation", "get"));
            assertTrue(hits.totalTime(TimeUnit.NANOSECONDS) > 0, "about 125 of 2,000 reads were timed");
        }
    }

    @Test
    void readsNotSampledAreCountedWithoutTime() {
        try (KeyValueStore store = TimedKeyValueStore.builder(registry, KeyValueStores.open("heap://"), "rare")
                .readTimingSample(Integer.MAX_VALUE).build()) {
            store.put("k", new byte[8]);
            for (int i = 0; i < 100; i++) {
                store.get("k");
            }

            FunctionTimer hits = timer("store", "rare", "operation", "get", "outcome", "success");
            assertEquals(100, hits.count());
            assertEquals(0, hits.totalTime(TimeUnit.NANOSECONDS), "no read was timed, so no time is invented");
            assertTrue(timer("store", "rare", "operation", "put").totalTime(TimeUnit.NANOSECONDS) > 0,
                    "writes are timed on every call");
        }
    }

    @Test
    void aReadTimingSampleBelowOneIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> TimedKeyValueStore.builder(registry, KeyValueStores.open("heap://"), "bad").readTimingSample(0));
        assertTrue(refused.getMessage().contains("readTimingSample"), refused.getMessage());
    }

    private static String[] with(String[] tags, String... more) {
        return Stream.concat(Stream.of(tags), Stream.of(more)).toArray(String[]::new);
    }
}
