package org.kvcaches.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.kvcaches.api.ValueInfo;

/**
 * {@code file:} through java.nio: atomic replace by {@code ATOMIC_MOVE}, optional fsync, POSIX
 * permissions, lazy folder listings, and the removal of killed writers' temp files ({@link Debris}).
 */
final class NioTree implements Tree {
    private static final Set<StandardOpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private final Path root;
    private final boolean fsync;
    private final FileAttribute<?>[] fileAttributes;
    private final ScheduledFuture<?> sweeping;
    private volatile boolean closed;

    /** Opens the tree and starts sweeping the debris of killed writers ({@link Debris}) in the background. */
    NioTree(Path root, boolean fsync, Set<PosixFilePermission> permissions) {
        this.root = root;
        this.fsync = fsync;
        this.fileAttributes = permissions == null
                ? new FileAttribute<?>[0]
                : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
        this.sweeping = Debris.sweepRegularly(root, () -> closed);
    }

    /** Removes the debris of killed writers now; the background sweep does the same. */
    int sweep() {
        return Debris.sweep(root, () -> closed);
    }

    private Path resolve(String path) {
        return path.isEmpty() ? root : root.resolve(path);
    }

    @Override
    public String root() {
        return root.toString();
    }

    @Override
    public InputStream read(String path) throws IOException {
        return Files.newInputStream(resolve(path));
    }

    @Override
    public byte[] readAll(String path) throws IOException {
        return Files.readAllBytes(resolve(path));
    }

    @Override
    public long size(String path) throws IOException {
        Path file = resolve(path);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(file.toString());
        }
        return Files.size(file);
    }

    @Override
    public ValueInfo stat(String path) throws IOException {
        Path file = resolve(path);
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
            throw new NoSuchFileException(file.toString());
        }
        return info(attributes);
    }

    @Override
    public boolean keepsModificationTimes() {
        return true;
    }

    private static ValueInfo info(BasicFileAttributes attributes) {
        return ValueInfo.of(attributes.size(), attributes.lastModifiedTime().toInstant(), null);
    }

    @Override
    public boolean isFile(String path) {
        return Files.isRegularFile(resolve(path));
    }

    @Override
    public OutputStream createTemp(String path, boolean streamed) throws IOException {
        Path temp = resolve(path);
        // One open that creates the file: no existence checks, no second open.
        FileChannel channel = FileChannel.open(temp, CREATE_NEW, fileAttributes);
        if (!streamed) {
            return new TempOutput(channel, null);
        }
        Debris.writing(temp);
        try {
            channel.lock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            Debris.written(temp);
            throw e;
        }
        return new TempOutput(channel, temp);
    }

    /** Writes a temp file through its channel; closing forces it to disk first when asked to. */
    private final class TempOutput extends OutputStream {
        private final FileChannel channel;
        private final Path registered;

        TempOutput(FileChannel channel, Path registered) {
            this.channel = channel;
            this.registered = registered;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        @Override
        public void close() throws IOException {
            try (channel) {
                if (fsync && channel.isOpen()) {
                    channel.force(true);
                }
            } finally {
                if (registered != null) {
                    Debris.written(registered);
                }
            }
        }
    }

    @Override
    public void createFolder(String folder) throws IOException {
        Files.createDirectories(resolve(folder));
    }

    @Override
    public void replace(String source, String target) throws IOException {
        Path to = resolve(target);
        Files.move(resolve(source), to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (fsync) {
            try (FileChannel dir = FileChannel.open(to.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException e) {
                // Some file systems cannot open a directory for sync; the file itself is synced.
            }
        }
    }

    @Override
    public void copy(String source, String temp) throws IOException {
        Path to = resolve(temp);
        Files.copy(resolve(source), to);
        if (fileAttributes.length > 0) {
            @SuppressWarnings("unchecked")
            Set<PosixFilePermission> permissions = (Set<PosixFilePermission>) fileAttributes[0].value();
            Files.setPosixFilePermissions(to, permissions);
        }
        if (fsync) {
            try (FileChannel channel = FileChannel.open(to, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
    }

    @Override
    public void delete(String path) throws IOException {
        Files.deleteIfExists(resolve(path));
    }

    @Override
    public void deleteIfEmptyFolder(String folder) throws IOException {
        try {
            Files.deleteIfExists(resolve(folder));
        } catch (java.nio.file.DirectoryNotEmptyException | FileAlreadyExistsException e) {
            // Another key lives there (or arrived meanwhile): the folder stays.
        }
    }

    /**
     * Reads the folder as it is iterated, so a folder of millions of keys is never held in memory.
     * Each entry's attributes are read once, to tell folders from files; the same read gives its
     * size and last-modified time.
     */
    @Override
    public Listing list(String folder) throws IOException {
        DirectoryStream<Path> children;
        try {
            children = Files.newDirectoryStream(resolve(folder));
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Listing.EMPTY;
        }
        Iterator<Path> iterator = children.iterator();
        return new Listing() {
            @Override
            public boolean hasNext() {
                try {
                    return iterator.hasNext();
                } catch (DirectoryIteratorException e) {
                    throw new UncheckedIOException(e.getCause());
                }
            }

            @Override
            public Entry next() {
                Path child = iterator.next();
                String name = child.getFileName().toString();
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    // Deleted since the folder was read: not a folder to walk, and a listing with
                    // metadata leaves it out (NoSuchFileException) or reports the failure.
                    return new Entry(name, false, () -> {
                        throw e;
                    });
                }
                if (!attributes.isRegularFile()) {
                    return new Entry(name, attributes.isDirectory(), () -> {
                        throw new NoSuchFileException(child.toString());
                    });
                }
                return new Entry(name, false, () -> info(attributes));
            }

            @Override
            public void close() {
                try {
                    children.close();
                } catch (IOException e) {
                    // Closing a directory handle releases it whatever the outcome; nothing to report.
                }
            }
        };
    }

    @Override
    public URI url(String path) {
        return resolve(path).toUri();
    }

    @Override
    public void close() {
        closed = true;
        sweeping.cancel(false);
    }
}
