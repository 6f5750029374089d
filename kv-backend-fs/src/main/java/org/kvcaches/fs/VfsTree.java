package org.kvcaches.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.commons.vfs2.Capability;
import org.apache.commons.vfs2.FileContent;
import org.apache.commons.vfs2.FileObject;
import org.apache.commons.vfs2.FileSystemException;
import org.apache.commons.vfs2.FileType;
import org.apache.commons.vfs2.NameScope;
import org.apache.commons.vfs2.provider.UriParser;
import org.kvcaches.api.ValueInfo;

/**
 * Commons VFS schemes ({@code ram:}, {@code sftp:}, ...). VFS's {@code moveTo} deletes the target
 * first and {@code ram:} cannot move onto an existing file, so a replace deletes and renames under a
 * per-key write lock while reads hold the read lock: atomic for every reader in this JVM, not across
 * processes sharing a remote file system. Names are passed through VFS's own URI encoding because
 * VFS decodes {@code %XX} in names.
 */
final class VfsTree implements Tree {
    private static final int STRIPES = 64;

    private final FileObject root;
    private final ReadWriteLock[] locks = new ReadWriteLock[STRIPES];
    private final boolean modificationTimes;

    VfsTree(FileObject root) {
        this.root = root;
        this.modificationTimes = root.getFileSystem().hasCapability(Capability.GET_LAST_MODIFIED);
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantReadWriteLock();
        }
    }

    private ReadWriteLock lock(String path) {
        return locks[Math.floorMod(path.hashCode(), STRIPES)];
    }

    private FileObject resolve(String path) throws FileSystemException {
        if (path.isEmpty()) {
            return root;
        }
        // '%' must reach VFS escaped, or it would decode our %XX escapes a second time.
        FileObject file = root.resolveFile(path.replace("%", "%25"), NameScope.DESCENDENT);
        file.refresh();
        return file;
    }

    @Override
    public String root() {
        return root.getName().getFriendlyURI();
    }

    @Override
    public InputStream read(String path) throws IOException {
        ReadWriteLock lock = lock(path);
        lock.readLock().lock();
        try {
            FileObject file = resolve(path);
            if (file.getType() != FileType.FILE) {
                throw new NoSuchFileException(path);
            }
            // The content is read while the lock is held, so a concurrent replace cannot tear it.
            try (InputStream in = file.getContent().getInputStream()) {
                return new java.io.ByteArrayInputStream(in.readAllBytes());
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public byte[] readAll(String path) throws IOException {
        try (InputStream in = read(path)) {
            return in.readAllBytes();
        }
    }

    @Override
    public long size(String path) throws IOException {
        FileObject file = resolve(path);
        if (file.getType() != FileType.FILE) {
            throw new NoSuchFileException(path);
        }
        return file.getContent().getSize();
    }

    @Override
    public ValueInfo stat(String path) throws IOException {
        FileObject file = resolve(path);
        if (file.getType() != FileType.FILE) {
            throw new NoSuchFileException(path);
        }
        return info(file);
    }

    /** Size and, where the file system keeps it, last-modified time, from the file's cached attributes. */
    private ValueInfo info(FileObject file) throws FileSystemException {
        FileContent content = file.getContent();
        return ValueInfo.of(content.getSize(), modificationTimes ? Instant.ofEpochMilli(content.getLastModifiedTime()) : null, null);
    }

    @Override
    public boolean keepsModificationTimes() {
        return modificationTimes;
    }

    @Override
    public boolean isFile(String path) throws IOException {
        return resolve(path).getType() == FileType.FILE;
    }

    @Override
    public OutputStream createTemp(String path, boolean streamed) throws IOException {
        // VFS creates missing parent folders itself; no VFS scheme offers a lock another process sees.
        return resolve(path).getContent().getOutputStream();
    }

    @Override
    public void createFolder(String folder) throws IOException {
        resolve(folder).createFolder();
    }

    @Override
    public void replace(String source, String target) throws IOException {
        ReadWriteLock lock = lock(target);
        lock.writeLock().lock();
        try {
            FileObject to = resolve(target);
            if (to.exists()) {
                to.delete();
            }
            resolve(source).moveTo(to);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void copy(String source, String temp) throws IOException {
        FileObject from = resolve(source);
        if (from.getType() != FileType.FILE) {
            throw new NoSuchFileException(source);
        }
        try (InputStream in = read(source); OutputStream out = resolve(temp).getContent().getOutputStream()) {
            in.transferTo(out);
        }
    }

    @Override
    public void delete(String path) throws IOException {
        ReadWriteLock lock = lock(path);
        lock.writeLock().lock();
        try {
            FileObject file = resolve(path);
            if (file.getType() == FileType.FILE) {
                file.delete();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void deleteIfEmptyFolder(String folder) throws IOException {
        FileObject dir = resolve(folder);
        if (dir.getType() == FileType.FOLDER && dir.getChildren().length == 0) {
            dir.delete();
        }
    }

    /** Commons VFS reads a folder's children all at once, so one folder is in memory at a time. */
    @Override
    public Listing list(String folder) throws IOException {
        FileObject dir = resolve(folder);
        if (dir.getType() != FileType.FOLDER) {
            return Listing.EMPTY;
        }
        List<Entry> entries = new ArrayList<>();
        for (FileObject child : dir.getChildren()) {
            // Base names come back URI-encoded; undo that to get our own encoding.
            // Metadata is read only when asked, from the attributes the listing cached (sftp, ftp).
            entries.add(new Entry(UriParser.decode(child.getName().getBaseName()), child.getType() == FileType.FOLDER,
                    () -> info(child)));
        }
        return Listing.of(entries.iterator());
    }

    @Override
    public URI url(String path) {
        return null;
    }

    @Override
    public void close() {
        try {
            root.close();
        } catch (FileSystemException e) {
            // Closing releases cached state only; nothing to report to the caller.
        }
    }
}
