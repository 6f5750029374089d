package org.kvcaches.fs;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.KvException;
import org.kvcaches.api.StoreUriException;

@Timeout(60)
class FileSystemErrorsTest {

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), US_ASCII);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    /** A small tmpfs of its own, so that full and read-only file systems are real, not simulated. */
    private static final class SmallFileSystem implements AutoCloseable {
        final Path mountPoint;

        SmallFileSystem(Path dir, String size) throws IOException, InterruptedException {
            assumeTrue(isRoot(), "mounting a small tmpfs needs root (CI runs as root); as another user these two tests do not run");
            mountPoint = dir;
            run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
        }

        void readOnly() throws IOException, InterruptedException {
            run("mount", "-o", "remount,ro", mountPoint.toString());
        }

        @Override
        public void close() throws IOException, InterruptedException {
            run("umount", "-l", mountPoint.toString());
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(US_ASCII);
    }

    @Test
    void rootThatIsAFileIsRejectedNamingIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        KvException e = assertThrows(KvException.class, () -> KeyValueStores.open(file.toUri().toString()));
        assertTrue(e.getMessage().contains("is a file, not a folder") && e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void missingRootIsCreatedUnlessCreateIsFalse(@TempDir Path dir) {
        Path missing = dir.resolve("a/b/c");
        KvException e = assertThrows(KvException.class, () -> KeyValueStores.open(missing.toUri() + "?create=false"));
        assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains(missing.toString()), e.getMessage());
        assertFalse(Files.exists(missing));
        try (KeyValueStore store = KeyValueStores.open(missing.toUri().toString())) {
            assertTrue(Files.isDirectory(missing));
            store.put("k", bytes("v"));
        }
    }

    @Test
    void relativeRootResolvesAgainstTheWorkingDirectory() throws IOException {
        Path relative = Path.of("target", "kv-relative-root-test");
        try (KeyValueStore store = KeyValueStores.open("file:target/kv-relative-root-test")) {
            store.put("k", bytes("v"));
            assertTrue(Files.isRegularFile(relative.resolve("k")));
            store.delete("k");
        } finally {
            Files.deleteIfExists(relative);
        }
    }

    @Test
    void badUrisAndOptionsAreRejected(@TempDir Path dir) {
        assertThrows(StoreUriException.class, () -> KeyValueStores.open("file://elsewhere/data"));
        assertThrows(StoreUriException.class, () -> KeyValueStores.open("file:"));
        StoreUriException e = assertThrows(StoreUriException.class, () -> KeyValueStores.open(dir.toUri() + "?permissions=everything"));
        assertTrue(e.getMessage().contains("rw-r-----"), e.getMessage());
        e = assertThrows(StoreUriException.class, () -> KeyValueStores.open(dir.toUri() + "?fsynk=true"));
        assertTrue(e.getMessage().contains("allowed options: create, fsync, permissions"), e.getMessage());
        e = assertThrows(StoreUriException.class, () -> KeyValueStores.open("ram:///x?fsync=true"));
        assertTrue(e.getMessage().contains("allowed options: create"), e.getMessage());
    }

    @Test
    void newFilesGetTheRequestedPermissionsAndFsyncWrites(@TempDir Path dir) throws IOException {
        try (KeyValueStore store = KeyValueStores.open(dir.toUri() + "?permissions=rw-------&fsync=true")) {
            store.put("a/k", bytes("v"));
            store.copy("a/k", "b");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a~/k"))));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("b"))));
        }
    }

    @Test
    void keysCannotReachOutsideTheRoot(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("root");
        try (KeyValueStore store = KeyValueStores.open(root.toUri().toString())) {
            for (String key : List.of("..%2F..%2Fx", "%2E%2E/y", "..\\..\\z", "...", ".../...", "~", "~tmp-x", "a/~", "C:\\w", "%2F")) {
                store.put(key, bytes(key));
            }
        }
        try (Stream<Path> top = Files.list(dir)) {
            assertEquals(List.of(root), top.collect(Collectors.toList()), "nothing was written beside the root");
        }
        try (Stream<Path> all = Files.walk(root)) {
            assertTrue(all.allMatch(p -> p.normalize().startsWith(root)));
        }
    }

    @Test
    void staleTempFilesAreNotListedOrRead(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("a~"));
        Files.writeString(dir.resolve("~tmp-crashed-writer"), "partial");
        Files.writeString(dir.resolve("a~/~tmp-another"), "partial");
        try (KeyValueStore store = KeyValueStores.open(dir.toUri().toString());
             Stream<String> keys = store.keys("")) {
            assertEquals(List.of(), keys.collect(Collectors.toList()));
            assertFalse(store.contains("~tmp-crashed-writer"), "the key '~tmp-crashed-writer' is stored under another name");
        }
    }

    @Test
    void fullDiskFailsTheWriteInWordsAndLeavesTheOldValue(@TempDir Path dir) throws Exception {
        try (SmallFileSystem fs = new SmallFileSystem(dir, "1m");
             KeyValueStore store = KeyValueStores.open(dir.toUri().toString())) {
            store.put("k", bytes("old"));
            KvException e = assertThrows(KvException.class, () -> store.put("k", InputStreamOf.zeros(4L << 20)));
            assertTrue(e.getMessage().contains("the disk is full"), e.getMessage());
            assertTrue(e.getMessage().contains(dir.toString()), "the message names the root: " + e.getMessage());
            assertArrayEquals(bytes("old"), store.get("k"));
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(dir.resolve("k")), files.collect(Collectors.toList()), "no temp file is left");
            }
            store.delete("k");
        }
    }

    @Test
    void readOnlyFileSystemFailsTheWriteInWordsAndKeepsTheValue(@TempDir Path dir) throws Exception {
        try (SmallFileSystem fs = new SmallFileSystem(dir, "1m")) {
            try (KeyValueStore store = KeyValueStores.open(dir.toUri().toString())) {
                store.put("k", bytes("old"));
                fs.readOnly();
                KvException e = assertThrows(KvException.class, () -> store.put("k", bytes("new")));
                assertTrue(e.getMessage().contains("the file system is read-only"), e.getMessage());
                assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
                e = assertThrows(KvException.class, () -> store.delete("k"));
                assertTrue(e.getMessage().contains("read-only"), e.getMessage());
                assertArrayEquals(bytes("old"), store.get("k"));
            }
        }
    }

    /** Streams of generated bytes. */
    private static final class InputStreamOf {
        static InputStream zeros(long size) {
            return new InputStream() {
                private long left = size;

                @Override
                public int read() {
                    return left-- > 0 ? 0 : -1;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = (int) Math.min(len, left);
                    java.util.Arrays.fill(b, off, off + n, (byte) 0);
                    left -= n;
                    return n;
                }
            };
        }
    }
}
