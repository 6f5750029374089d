package org.kvcaches.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temp folders for the tests that put a {@code file:} store in a chain. */
final class TempFolders {
    private TempFolders() {
    }

    static Path create() {
        try {
            return Files.createTempDirectory("kv-chain");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path base) {
        try (Stream<Path> files = Files.walk(base)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
