package org.kvcaches.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;

/**
 * A killed writer's temp file is removed once it is old and unlocked; a temp file of a write in
 * progress, in this JVM or another, never is, however old ({@link Debris} states the rule).
 */
@Timeout(120)
class DebrisTest {
    private static final FileTime TWO_HOURS_AGO = FileTime.from(Instant.now().minus(Debris.AGE).minusSeconds(3600));

    @TempDir
    Path root;

    private List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().startsWith(KeyEncoding.TEMP_PREFIX)).collect(Collectors.toList());
        }
    }

    private int sweep() {
        NioTree tree = new NioTree(root, false, null);
        try {
            return tree.sweep();
        } finally {
            tree.close();
        }
    }

    @Test
    void aWriterKilledMidStreamLeavesDebrisThatIsRemovedAndTheOldValueWhole() throws Exception {
        byte[] old = "the old value, whole".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (KeyValueStore store = KeyValueStores.open(root.toUri().toString())) {
            store.put("Photos/victim", old);
        }
        try (ChildJvm writer = ChildJvm.start(List.of("-Xmx64m"), KilledWriterMain.class, root.toUri().toString(), "Photos/victim")) {
            writer.awaitLine("writing");
            List<Path> temps = tempFiles();
            assertEquals(1, temps.size(), "the writer's temp file: " + temps);
            Path temp = temps.get(0);
            assertEquals(64 * 1024, Files.size(temp), "the first block is on disk");
            Files.setLastModifiedTime(temp, TWO_HOURS_AGO);

            assertEquals(0, sweep(), "a live writer's lock protects its temp file, however old");
            assertTrue(Files.exists(temp));

            assertEquals(137, writer.kill(), "SIGKILL");
            assertTrue(Files.exists(temp), "a killed writer leaves its temp file");
            assertEquals(1, sweep());
            assertFalse(Files.exists(temp));
        }
        try (KeyValueStore store = KeyValueStores.open(root.toUri().toString()); Stream<String> keys = store.keys("")) {
            assertEquals(List.of("Photos/victim"), keys.collect(Collectors.toList()));
            assertArrayEquals(old, store.get("Photos/victim"));
        }
        assertEquals(List.of(), tempFiles());
    }

    @Test
    void anOldUnlockedTempFileIsRemovedWithTheFoldersItLeavesEmpty() throws IOException {
        Path folder = Files.createDirectories(root.resolve("a~/b~"));
        Path temp = Files.write(folder.resolve(KeyEncoding.TEMP_PREFIX + "dead"), new byte[10]);
        Files.setLastModifiedTime(temp, TWO_HOURS_AGO);
        assertEquals(1, sweep());
        try (Stream<Path> left = Files.list(root)) {
            assertEquals(List.of(), left.collect(Collectors.toList()));
        }
    }

    @Test
    void aYoungTempFileIsKeptEvenWithoutALock() throws IOException {
        // An array put writes its temp file in one call without a lock: youth alone protects it.
        Path temp = Files.write(root.resolve(KeyEncoding.TEMP_PREFIX + "young"), new byte[10]);
        assertEquals(0, sweep());
        assertTrue(Files.exists(temp));
    }

    @Test
    void anOldTempFileOfAStreamedPutInThisJvmIsKept() throws Exception {
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (KeyValueStore store = KeyValueStores.open(root.toUri().toString())) {
            CompletableFuture<Void> put = CompletableFuture.runAsync(() -> store.put("slow", new InputStream() {
                private boolean first = true;

                @Override
                public int read() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (first) {
                        first = false;
                        b[off] = 's';
                        return 1;
                    }
                    blocked.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return -1;
                }
            }));
            blocked.await();
            Path temp = tempFiles().get(0);
            Files.setLastModifiedTime(temp, TWO_HOURS_AGO);
            assertEquals(0, sweep(), "never opened by the sweeper, whose close would drop this JVM's lock");
            release.countDown();
            put.get(60, TimeUnit.SECONDS);
            assertArrayEquals(new byte[] {'s'}, store.get("slow"));
        }
        assertEquals(List.of(), tempFiles());
    }

    @Test
    void openingAStoreSweepsInTheBackground() throws Exception {
        Path temp = Files.write(root.resolve(KeyEncoding.TEMP_PREFIX + "dead"), new byte[10]);
        Files.setLastModifiedTime(temp, TWO_HOURS_AGO);
        try (KeyValueStore store = KeyValueStores.open(root.toUri().toString())) {
            // The sweep runs on a shared daemon thread; wait for it, bounded by the test's timeout.
            while (Files.exists(temp)) {
                Thread.sleep(20);
            }
        }
    }
}
