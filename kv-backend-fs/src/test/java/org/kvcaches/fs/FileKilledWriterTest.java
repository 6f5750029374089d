package org.kvcaches.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.tck.fault.KilledWriterContract;
import org.kvcaches.tck.fault.KilledWriterFixture;

/** A writer JVM killed mid-put on {@code file:}, each test in its own folder under a temp directory. */
class FileKilledWriterTest implements KilledWriterContract {

    @Override
    public KilledWriterFixture fixture() {
        return new Folders();
    }

    /**
     * A fresh folder per store. The killed writer's temporary file is crash debris that the store does
     * not list; {@link #cleanUp} removes the whole folder.
     */
    private static final class Folders implements KilledWriterFixture {
        private final Path base;
        private final Map<KeyValueStore, Path> roots = new IdentityHashMap<>();
        private int count;

        Folders() {
            try {
                base = Files.createTempDirectory("kv-fs-killed");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public KeyValueStore newStore() {
            Path root = base.resolve("store-" + (++count));
            KeyValueStore store = KeyValueStores.open(root.toUri().toString());
            roots.put(store, root);
            return store;
        }

        @Override
        public String uri(KeyValueStore store) {
            return roots.get(store).toUri().toString();
        }

        @Override
        public void cleanUp(KeyValueStore store) {
            delete(roots.remove(store));
        }

        @Override
        public void close() {
            delete(base);
        }

        private static void delete(Path root) {
            if (root == null || !Files.exists(root)) {
                return;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return "file: under " + base;
        }
    }
}
