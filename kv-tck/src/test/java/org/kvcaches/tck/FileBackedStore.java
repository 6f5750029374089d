package org.kvcaches.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KvException;
import org.kvcaches.api.spi.AbstractKeyValueStore;

/**
 * A correct store that keeps each value in a file of its own and streams it in and out, so it holds no
 * value in the heap: the base of the planted defects about bounded memory. It implements only the
 * primitives; every other operation is the base class's default.
 */
class FileBackedStore extends AbstractKeyValueStore {
    private final Path folder;
    private final ConcurrentMap<String, Path> files = new ConcurrentHashMap<>();

    FileBackedStore(String description) {
        super(description);
        try {
            folder = Files.createTempDirectory("kv-tck-files");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    @Override
    protected InputStream doOpen(String key) {
        // An overwrite may delete the file between the lookup and the open: look again.
        while (true) {
            Path file = files.get(key);
            if (file == null) {
                throw new KeyNotFoundException(key);
            }
            try {
                return Files.newInputStream(file);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                throw new KvException("cannot read key '" + key + "': " + e.getMessage(), e);
            }
        }
    }

    @Override
    protected void doPut(String key, InputStream data, Duration ttl) {
        Path file;
        try {
            file = Files.createTempFile(folder, "value", ".bin");
        } catch (IOException e) {
            throw new KvException("cannot write key '" + key + "': " + e.getMessage(), e);
        }
        try {
            Files.copy(data, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(file);
            throw new KvException("cannot write key '" + key + "': " + e.getMessage(), e);
        }
        Path old = files.put(key, file);
        if (old != null) {
            deleteQuietly(old);
        }
    }

    @Override
    protected void doDelete(String key) {
        Path old = files.remove(key);
        if (old != null) {
            deleteQuietly(old);
        }
    }

    @Override
    protected Stream<String> doKeys(String prefix) {
        return files.keySet().stream().filter(k -> k.startsWith(prefix));
    }

    @Override
    protected void doClose() {
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(FileBackedStore::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
