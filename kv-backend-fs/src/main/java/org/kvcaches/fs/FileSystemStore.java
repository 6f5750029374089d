package org.kvcaches.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KvException;
import org.kvcaches.api.ListedValue;
import org.kvcaches.api.ValueInfo;
import org.kvcaches.api.spi.AbstractKeyValueStore;

/**
 * A store whose keys are files under a root folder ({@link KeyEncoding} says how keys become names).
 * A write streams into a temp file beside its target and then replaces the target atomically, so a
 * reader sees the old value or the new one, and a failed write leaves the old value and removes its
 * temp file (a killed writer's temp file is removed later, see {@link Debris}). Listing walks only
 * the folders a prefix can reach, lazily ({@link KeyWalk}), and skips temp files.
 */
final class FileSystemStore extends AbstractKeyValueStore {
    private static final int BUFFER = 64 * 1024;
    private static final int RETRIES = 5;

    private final Tree tree;
    private final Set<Capability> capabilities;

    FileSystemStore(String description, Tree tree) {
        super(description);
        this.tree = tree;
        EnumSet<Capability> caps = EnumSet.of(Capability.HIERARCHY);
        if (tree.keepsModificationTimes()) {
            caps.add(Capability.LAST_MODIFIED);
        }
        if (tree.url("") != null) {
            caps.add(Capability.URL);
        }
        this.capabilities = Collections.unmodifiableSet(caps);
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String inFolder(String folder, String name) {
        return folder.isEmpty() ? name : folder + "/" + name;
    }

    /**
     * A temp file name from 64 random bits of the calling thread's generator. Not {@code UUID}: its
     * shared {@code SecureRandom} is one lock, on which 8 putting threads spent 73% of their blocked
     * time. Two writers drawing the same name cannot clobber each other: the temp file is created
     * with {@code CREATE_NEW}, and the loser draws again.
     */
    private static String tempName() {
        return KeyEncoding.TEMP_PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    /** Turns an I/O failure into a message that names the problem in words and the store's root. */
    private KvException failure(String what, IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String lower = reason.toLowerCase(Locale.ROOT);
        String words;
        if (e instanceof AccessDeniedException || lower.contains("permission denied") || lower.contains("access is denied")) {
            words = "permission denied";
        } else if (lower.contains("no space left") || lower.contains("not enough space") || lower.contains("disk full")) {
            words = "the disk is full";
        } else if (lower.contains("read-only file system")) {
            words = "the file system is read-only";
        } else {
            words = e.getClass().getSimpleName() + ": " + reason;
        }
        return new KvException("cannot " + what + " in file store " + this + " (root " + tree.root() + "): " + words, e);
    }

    /** One read of a value file. */
    private interface Read<T> {
        T from(String path) throws IOException;
    }

    private <T> T read(String key, Read<T> read) {
        try {
            return read.from(KeyEncoding.valuePath(key));
        } catch (NoSuchFileException e) {
            throw new KeyNotFoundException(key);
        } catch (FileSystemException e) {
            if (e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("is a directory")) {
                throw new KeyNotFoundException(key);
            }
            throw failure("read key '" + key + "'", e);
        } catch (IOException e) {
            throw failure("read key '" + key + "'", e);
        }
    }

    @Override
    protected InputStream doOpen(String key) {
        return read(key, tree::read);
    }

    @Override
    protected byte[] doGet(String key) {
        return read(key, tree::readAll);
    }

    @Override
    protected long doSize(String key) {
        return read(key, tree::size);
    }

    @Override
    protected Optional<ValueInfo> doStat(String key) {
        try {
            return Optional.of(read(key, tree::stat));
        } catch (KeyNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    protected boolean doContains(String key) {
        try {
            return tree.isFile(KeyEncoding.valuePath(key));
        } catch (IOException e) {
            throw failure("look up key '" + key + "'", e);
        }
    }

    /** Writes a value's bytes into a temp file. */
    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    @Override
    protected void doPut(String key, InputStream data, Duration ttl) {
        write(key, true, out -> {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = data.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        });
    }

    @Override
    protected void doPut(String key, byte[] value, Duration ttl) {
        write(key, false, out -> out.write(value));
    }

    /**
     * Writes into a temp file beside the target and renames it over the target. The temp file stays
     * in the target's folder because a rename within one folder locks only that folder, where a
     * rename between folders takes the file system's rename lock (on Linux), which would make puts
     * into different folders wait for each other.
     */
    private void write(String key, boolean streamed, Content content) {
        String target = KeyEncoding.valuePath(key);
        String folder = parentOf(target);
        String temp = null; // set once this write created its temp file: a failure removes only its own
        try {
            OutputStream opened = null;
            for (int attempt = 1; opened == null; attempt++) {
                String name = inFolder(folder, tempName());
                opened = createTemp(folder, name, streamed, attempt);
                temp = opened == null ? null : name;
            }
            try (OutputStream out = opened) {
                content.writeTo(out);
            }
            tree.replace(temp, target);
        } catch (IOException e) {
            discard(folder, temp, e);
            throw failure("write key '" + key + "'", e);
        } catch (RuntimeException | Error e) {
            discard(folder, temp, e);
            throw e;
        }
    }

    /**
     * Creates the temp file in one call. Only when its folder is missing are the folders created
     * (also when a concurrent delete pruned the folder meanwhile); when another writer holds the
     * name, the caller draws a new one.
     *
     * @return the stream, or {@code null} to try again
     */
    private OutputStream createTemp(String folder, String temp, boolean streamed, int attempt) throws IOException {
        try {
            return tree.createTemp(temp, streamed);
        } catch (NoSuchFileException e) {
            if (attempt == RETRIES) {
                throw e;
            }
            tree.createFolder(folder);
        } catch (FileAlreadyExistsException e) {
            if (attempt == RETRIES) {
                throw e;
            }
        }
        return null;
    }

    /**
     * Removes a failed write's temp file, if it created one, and the folders it created, if they
     * are now empty.
     */
    private void discard(String folder, String temp, Throwable cause) {
        try {
            if (temp != null) {
                tree.delete(temp);
            }
            pruneEmptyFolders(folder);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    protected void doDelete(String key) {
        String path = KeyEncoding.valuePath(key);
        try {
            tree.delete(path);
            pruneEmptyFolders(parentOf(path));
        } catch (IOException e) {
            throw failure("delete key '" + key + "'", e);
        }
    }

    private void pruneEmptyFolders(String folder) throws IOException {
        for (String f = folder; !f.isEmpty(); f = parentOf(f)) {
            tree.deleteIfEmptyFolder(f);
        }
    }

    /** One step of a copy or move into a folder that must exist while the step runs. */
    private interface FolderStep {
        void run() throws IOException;
    }

    /**
     * Runs a step after creating the target's folder, again if a concurrent delete pruned the folder
     * meanwhile; a source that vanished is a missing key.
     */
    private void intoFolder(String from, String source, String folder, FolderStep step) throws IOException {
        for (int attempt = 1; ; attempt++) {
            if (!tree.isFile(source)) {
                throw new KeyNotFoundException(from);
            }
            tree.createFolder(folder);
            try {
                step.run();
                return;
            } catch (NoSuchFileException e) {
                if (!tree.isFile(source)) {
                    throw new KeyNotFoundException(from);
                }
                if (attempt == RETRIES) {
                    throw e;
                }
            }
        }
    }

    @Override
    protected void doCopy(String from, String to) {
        String source = KeyEncoding.valuePath(from);
        String target = KeyEncoding.valuePath(to);
        String folder = parentOf(target);
        String temp = inFolder(folder, tempName());
        try {
            intoFolder(from, source, folder, () -> {
                tree.copy(source, temp);
                tree.replace(temp, target);
            });
        } catch (IOException e) {
            discard(folder, temp, e);
            throw failure("copy key '" + from + "' to '" + to + "'", e);
        } catch (RuntimeException e) {
            discard(folder, temp, e);
            throw e;
        }
    }

    @Override
    protected void doMove(String from, String to) {
        String source = KeyEncoding.valuePath(from);
        String target = KeyEncoding.valuePath(to);
        try {
            intoFolder(from, source, parentOf(target), () -> tree.replace(source, target));
            pruneEmptyFolders(parentOf(source));
        } catch (IOException e) {
            throw failure("move key '" + from + "' to '" + to + "'", e);
        }
    }

    @Override
    protected Stream<String> doKeys(String prefix) {
        return walk(prefix, false, KeyWalk.KEYS, "list keys with prefix '" + prefix + "'");
    }

    /** The walk of {@link #doKeys}, with each file's metadata from the attributes the walk read anyway. */
    @Override
    protected Stream<ListedValue> doList(String prefix) {
        return walk(prefix, false, (key, entry) -> {
            try {
                return new ListedValue(key, entry.stat().read());
            } catch (NoSuchFileException e) {
                return null;
            }
        }, "list keys with prefix '" + prefix + "'");
    }

    @Override
    protected Stream<String> doPrefixes(String prefix, String delimiter) {
        if (!delimiter.equals("/")) {
            return super.doPrefixes(prefix, delimiter);
        }
        return walk(prefix, true, KeyWalk.KEYS, "list prefixes under '" + prefix + "'");
    }

    /** A lazy listing of the folders the prefix can reach; closing the stream releases the folders it holds open. */
    private <T> Stream<T> walk(String prefix, boolean oneLevel, KeyWalk.Found<T> found, String what) {
        int slash = prefix.lastIndexOf('/');
        String keyFolder = prefix.substring(0, slash + 1);
        String folder = KeyEncoding.folderPath(keyFolder);
        if (folder == null) {
            return Stream.empty();
        }
        KeyWalk<T> walk;
        try {
            walk = new KeyWalk<>(tree, folder, keyFolder, prefix.substring(slash + 1), oneLevel, found, e -> failure(what, e));
        } catch (IOException e) {
            throw failure(what, e);
        }
        return StreamSupport.stream(walk, false).onClose(walk::close);
    }

    @Override
    protected URI doUrl(String key) {
        return tree.url(KeyEncoding.valuePath(key));
    }

    @Override
    protected void doClose() {
        tree.close();
    }
}
