package org.kvcaches.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class MemoryStoreTest {
    private final KeyValueStore store = KeyValueStores.open("mem:");

    @AfterEach
    void close() {
        store.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void putGetFindContainsDeleteRoundTrip() {
        store.put("a/b", bytes("v"));
        assertArrayEquals(bytes("v"), store.get("a/b"));
        assertArrayEquals(bytes("v"), store.find("a/b").orElseThrow());
        assertTrue(store.contains("a/b"));
        assertEquals(1, store.size("a/b"));
        store.delete("a/b");
        store.delete("a/b");
        assertFalse(store.contains("a/b"));
        assertTrue(store.find("a/b").isEmpty());
        assertEquals("a/b", assertThrows(KeyNotFoundException.class, () -> store.get("a/b")).key());
    }

    @Test
    void valuesAreCopiedInAndOut() {
        byte[] value = bytes("abc");
        store.put("k", value);
        value[0] = 'X';
        byte[] read = store.get("k");
        read[1] = 'Y';
        assertArrayEquals(bytes("abc"), store.get("k"));
    }

    @Test
    void rangeReadsAreCutAtTheEnd() throws IOException {
        store.put("k", bytes("0123456789"));
        try (InputStream in = store.open("k", 3, 4)) {
            assertArrayEquals(bytes("3456"), in.readAllBytes());
        }
        try (InputStream in = store.open("k", 8, 100)) {
            assertArrayEquals(bytes("89"), in.readAllBytes());
        }
        try (InputStream in = store.open("k", 50, 1)) {
            assertEquals(-1, in.read());
        }
        assertThrows(IllegalArgumentException.class, () -> store.open("k", -1, 1));
    }

    @Test
    void copyToPathOfMissingKeyCreatesNoFile(@TempDir Path dir) {
        Path target = dir.resolve("out.bin");
        assertThrows(KeyNotFoundException.class, () -> store.copyTo("missing", target));
        assertFalse(Files.exists(target));
        store.put("k", bytes("data"));
        assertEquals(4, store.copyTo("k", target));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(4, store.copyTo("k", out));
        assertArrayEquals(bytes("data"), out.toByteArray());
        assertEquals(1, dir.toFile().list().length, "no temp file is left beside the target");
    }

    @Test
    void copyToPathWorksForTheLongestFileNames(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("x".repeat(255));
        store.put("k", bytes("data"));
        assertEquals(4, store.copyTo("k", target));
        assertArrayEquals(bytes("data"), Files.readAllBytes(target));
        assertEquals(1, dir.toFile().list().length, "no temp file is left beside the target");
    }

    @Test
    void keysAndPrefixesListOneLevel() {
        for (String k : List.of("a/1", "a/2", "a/b/c", "b", "ab")) {
            store.put(k, bytes(k));
        }
        assertEquals(Set.of("a/1", "a/2", "a/b/c"), store.keys("a/").collect(Collectors.toSet()));
        assertEquals(Set.of("a/", "b", "ab"), store.prefixes("", "/").collect(Collectors.toSet()));
        assertEquals(Set.of("a/1", "a/2", "a/b/"), store.prefixes("a/", "/").collect(Collectors.toSet()));
        assertThrows(IllegalArgumentException.class, () -> store.prefixes("", ""));
    }

    @Test
    void copyAndMoveOntoThemselvesChangeNothing() {
        store.put("k", bytes("v"));
        store.copy("k", "k");
        store.move("k", "k");
        assertArrayEquals(bytes("v"), store.get("k"));
        store.move("k", "m");
        assertFalse(store.contains("k"));
        assertArrayEquals(bytes("v"), store.get("m"));
        assertThrows(KeyNotFoundException.class, () -> store.copy("k", "x"));
        assertThrows(KeyNotFoundException.class, () -> store.move("k", "k"));
    }

    @Test
    void bulkOperationsReturnPresentKeysAndIgnoreAbsentOnes() {
        store.put("a", bytes("1"));
        store.put("b", bytes("2"));
        Map<String, byte[]> found = store.getAll(List.of("a", "b", "c", "a"));
        assertEquals(Set.of("a", "b"), found.keySet());
        store.deleteAll(List.of("a", "c"));
        assertEquals(Set.of("b"), store.keys("").collect(Collectors.toSet()));
        assertThrows(InvalidKeyException.class, () -> store.deleteAll(List.of("b", "bad key")));
        assertTrue(store.contains("b"), "an invalid key in a batch is rejected before anything is deleted");
    }

    @Test
    void ttlValuesExpire() throws InterruptedException {
        store.put("short", bytes("v"), Duration.ofMillis(100));
        assertTrue(store.putIfAbsent("lease", bytes("m"), Duration.ofMillis(100)));
        store.put("long", bytes("v"));
        assertTrue(store.contains("short"));
        Thread.sleep(250);
        assertFalse(store.contains("short"));
        assertThrows(KeyNotFoundException.class, () -> store.get("short"));
        assertEquals(Set.of("long"), store.keys("").collect(Collectors.toSet()));
        assertTrue(store.putIfAbsent("lease", bytes("m2")), "an expired value counts as absent");
        assertThrows(IllegalArgumentException.class, () -> store.put("k", bytes("v"), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> store.put("k", bytes("v"), Duration.ofSeconds(-1)));
    }

    @Test
    void compareAndSetReplacesOnlyTheExpectedValue() {
        assertFalse(store.compareAndSet("k", bytes("a"), bytes("b")), "an absent key never matches");
        assertFalse(store.contains("k"));
        store.put("k", bytes("a"));
        assertFalse(store.compareAndSet("k", bytes("x"), bytes("b")));
        assertTrue(store.compareAndSet("k", bytes("a"), bytes("b")));
        assertArrayEquals(bytes("b"), store.get("k"));
    }

    @Test
    void concurrentCompareAndSetHasExactlyOneWinner() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                String key = "race-" + round;
                store.put(key, bytes("start"));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    byte[] mine = bytes("winner-" + t);
                    results.add(pool.submit(() -> {
                        go.await();
                        return store.compareAndSet(key, bytes("start"), mine);
                    }));
                }
                go.countDown();
                int winners = 0;
                for (Future<Boolean> r : results) {
                    winners += r.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, winners, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentPutIfAbsentHasExactlyOneWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = IntStream.range(0, 8).mapToObj(t -> pool.submit(() -> {
                go.await();
                return store.putIfAbsent("once", bytes("v" + t));
            })).toList();
            go.countDown();
            long winners = 0;
            for (Future<Boolean> r : results) {
                winners += r.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void namedStoresShareDataUntilTheLastOneCloses() {
        try (KeyValueStore first = KeyValueStores.open("mem://shared-test")) {
            try (KeyValueStore second = KeyValueStores.open("mem://shared-test");
                 KeyValueStore other = KeyValueStores.open("mem://other-test")) {
                first.put("k", bytes("v"));
                assertArrayEquals(bytes("v"), second.get("k"));
                assertFalse(other.contains("k"));
            }
            assertTrue(first.contains("k"), "closing one user keeps the data for the others");
        }
        try (KeyValueStore again = KeyValueStores.open("mem://shared-test")) {
            assertFalse(again.contains("k"), "the data is dropped with the last user");
        }
    }

    @Test
    void unnamedStoresArePrivate() {
        try (KeyValueStore other = KeyValueStores.open("mem:")) {
            store.put("k", bytes("v"));
            assertFalse(other.contains("k"));
        }
    }

    @Test
    void badMemUrisAreRejected() {
        assertThrows(StoreUriException.class, () -> KeyValueStores.open("mem:name"));
        assertThrows(StoreUriException.class, () -> KeyValueStores.open("mem://a/b"));
        assertThrows(StoreUriException.class, () -> KeyValueStores.open("mem://a:1"));
        assertThrows(StoreUriException.class, () -> KeyValueStores.open("mem://a,b"));
    }

    @Test
    void capabilitiesAreReportedAndUrlIsUnsupported() {
        assertEquals(Set.of(Capability.TTL, Capability.PUT_IF_ABSENT, Capability.COMPARE_AND_SET, Capability.SERVER_SIDE_COPY,
                Capability.LAST_MODIFIED),
                store.capabilities());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> store.url("k"));
        assertTrue(e.getMessage().contains("URL"), e.getMessage());
    }

    @Test
    void everyOperationOfAClosedStoreThrowsIllegalState() {
        store.put("k", bytes("v"));
        store.close();
        store.close();
        List<Runnable> calls = List.of(() -> store.get("k"), () -> store.find("k"), () -> store.open("k"),
                () -> store.contains("k"), () -> store.put("k", bytes("v")), () -> store.delete("k"),
                () -> store.keys(""), () -> store.prefixes("", "/"), () -> store.copy("k", "j"),
                () -> store.move("k", "j"), () -> store.getAll(List.of("k")), () -> store.size("k"));
        for (Runnable call : calls) {
            IllegalStateException e = assertThrows(IllegalStateException.class, call::run);
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        }
    }

    @Test
    void failedStreamPutKeepsTheOldValue() {
        store.put("k", bytes("old"));
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ < 3) {
                    return 'n';
                }
                throw new IOException("disk unplugged");
            }
        };
        KvException e = assertThrows(KvException.class, () -> store.put("k", failing));
        assertTrue(e.getMessage().contains("'k'"), e.getMessage());
        assertArrayEquals(bytes("old"), store.get("k"));
    }
}
