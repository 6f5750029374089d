package org.kvcaches.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.tck.KeyValueStoreContract;
import org.kvcaches.tck.StoreFixture;

/** The whole contract on {@code file:}, each test in its own folder under a temp directory. */
class FileStoreTckTest implements KeyValueStoreContract {

    @Override
    public StoreFixture fixture() {
        return new LocalFolders();
    }

    /** Fresh folders under one temp directory; checks that no temp file or folder is left. */
    static final class LocalFolders implements StoreFixture {
        private final Path base;
        private Path current;
        private int count;

        LocalFolders() {
            try {
                base = Files.createTempDirectory("kv-fs-tck");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public KeyValueStore newStore() {
            current = base.resolve("store-" + (++count));
            return KeyValueStores.open(current.toUri().toString());
        }

        @Override
        public List<String> leftovers() {
            List<String> left = new ArrayList<>();
            if (current != null && Files.exists(current)) {
                try (Stream<Path> files = Files.walk(current)) {
                    files.filter(p -> !p.equals(current)).forEach(p -> left.add("left in the root: " + current.relativize(p)));
                } catch (IOException e) {
                    left.add("cannot walk " + current + ": " + e);
                }
            }
            return left;
        }

        @Override
        public void close() {
            try (Stream<Path> files = Files.walk(base)) {
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
