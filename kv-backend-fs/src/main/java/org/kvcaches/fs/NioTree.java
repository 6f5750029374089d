package org.kvcaches.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code file:} through java.nio: atomic replace by {@code ATOMIC_MOVE}, optional fsync, POSIX permissions. */
final class NioTree implements Tree {
    private final Path root;
    private final boolean fsync;
    private final FileAttribute<?>[] fileAttributes;

    NioTree(Path root, boolean fsync, Set<PosixFilePermission> permissions) {
        this.root = root;
        this.fsync = fsync;
        this.fileAttributes = permissions == null
                ? new FileAttribute<?>[0]
                : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
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
    public boolean isFile(String path) {
        return Files.isRegularFile(resolve(path));
    }

    @Override
    public OutputStream createTemp(String folder, String name) throws IOException {
        Path dir = resolve(folder);
        Files.createDirectories(dir);
        Path temp = dir.resolve(name);
        Files.createFile(temp, fileAttributes);
        return Files.newOutputStream(temp, StandardOpenOption.WRITE);
    }

    @Override
    public void createFolder(String folder) throws IOException {
        Files.createDirectories(resolve(folder));
    }

    @Override
    public void sync(String path) throws IOException {
        if (fsync) {
            try (FileChannel channel = FileChannel.open(resolve(path), StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
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

    @Override
    public List<Entry> list(String folder) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(resolve(folder))) {
            for (Path child : children) {
                entries.add(new Entry(child.getFileName().toString(), Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)));
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return entries;
    }

    @Override
    public URI url(String path) {
        return resolve(path).toUri();
    }

    @Override
    public void close() {
    }
}
