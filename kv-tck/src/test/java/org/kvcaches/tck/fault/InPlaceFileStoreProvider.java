package org.kvcaches.tck.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.spi.AbstractKeyValueStore;
import org.kvcaches.api.spi.StoreProvider;
import org.kvcaches.api.spi.StoreUri;

/**
 * Serves {@code inplace:///folder}: a planted defect for {@link KilledWriterContractSelfTest}, a file
 * store that writes each value straight into its file (no temp file, no rename), so a writer killed
 * mid-put leaves the old value destroyed and a partial key listed. Registered for kv-tck's tests only,
 * where a child JVM finds it on the same class path.
 */
public final class InPlaceFileStoreProvider implements StoreProvider {

    @Override
    public Set<String> schemes() {
        return Set.of("inplace");
    }

    @Override
    public KeyValueStore open(StoreUri uri) {
        return new InPlaceFileStore(Path.of(uri.path()));
    }

    /** Keys are paths under the root; a put truncates the file, then writes. */
    private static final class InPlaceFileStore extends AbstractKeyValueStore {
        private final Path root;

        InPlaceFileStore(Path root) {
            super("inplace://" + root);
            this.root = root;
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }

        @Override
        protected InputStream doOpen(String key) {
            try {
                return Files.newInputStream(root.resolve(key));
            } catch (NoSuchFileException e) {
                throw new KeyNotFoundException(key);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        protected void doPut(String key, InputStream data, Duration ttl) {
            Path file = root.resolve(key);
            try {
                Files.createDirectories(file.getParent());
                try (OutputStream out = Files.newOutputStream(file)) {
                    data.transferTo(out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        protected void doDelete(String key) {
            try {
                Files.deleteIfExists(root.resolve(key));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        protected Stream<String> doKeys(String prefix) {
            if (!Files.isDirectory(root)) {
                return Stream.empty();
            }
            try (Stream<Path> files = Files.walk(root)) {
                return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                        .filter(key -> key.startsWith(prefix)).toList().stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
