package org.kvcaches.tck.fault;

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

/**
 * Killed-writer contract runs on stores with planted defects, meant to fail; run by
 * {@link KilledWriterContractSelfTest} through the JUnit testkit, never directly (the name does not
 * end in {@code Test}).
 */
final class PlantedKilledWriters {
    private PlantedKilledWriters() {
    }

    /** The contract on {@code inplace:} folders. */
    static class InPlace implements KilledWriterContract {
        @Override
        public KilledWriterFixture fixture() {
            return new KilledWriterFixture() {
                private final Map<KeyValueStore, Path> roots = new IdentityHashMap<>();
                private final Path base = temp();

                @Override
                public KeyValueStore newStore() {
                    Path root = base.resolve("store-" + roots.size());
                    KeyValueStore store = KeyValueStores.open(uri(root));
                    roots.put(store, root);
                    return store;
                }

                @Override
                public String uri(KeyValueStore store) {
                    return uri(roots.get(store));
                }

                private String uri(Path root) {
                    return "inplace://" + root;
                }

                @Override
                public long bytesBeforeKill() {
                    return 4L << 20;
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
            };
        }

        private static Path temp() {
            try {
                return Files.createTempDirectory("kv-inplace");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
