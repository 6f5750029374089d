package org.kvcaches.fs;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Collections;
import java.util.Iterator;
import org.kvcaches.api.ValueInfo;

/**
 * The few file operations a {@link FileSystemStore} needs, over {@code /}-separated paths relative to
 * the store's root. Two implementations: {@link NioTree} ({@code file:}) and {@link VfsTree} (Commons
 * VFS schemes). Missing files are reported as {@link java.nio.file.NoSuchFileException}.
 */
interface Tree extends AutoCloseable {

    /**
     * A folder entry: its name, whether it is a folder, and how to get its metadata, from what the
     * listing read anyway where the medium allows, so that listing with metadata costs no second pass.
     */
    record Entry(String name, boolean folder, Stat stat) {
    }

    /** Gives an entry's metadata; {@link java.nio.file.NoSuchFileException} when the file is gone. */
    @FunctionalInterface
    interface Stat {
        ValueInfo read() throws IOException;
    }

    /**
     * The entries of one folder, read as they are iterated (where the medium allows); a failure to
     * read is an {@link java.io.UncheckedIOException}. The caller closes it.
     */
    interface Listing extends Iterator<Entry>, Closeable {
        /** A listing of a folder that does not exist. */
        Listing EMPTY = of(Collections.emptyIterator());

        /** @return a listing of entries already in memory */
        static Listing of(Iterator<Entry> entries) {
            return new Listing() {
                @Override
                public boolean hasNext() {
                    return entries.hasNext();
                }

                @Override
                public Entry next() {
                    return entries.next();
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        void close();
    }

    /** @return the root, for messages */
    String root();

    InputStream read(String path) throws IOException;

    /** Reads a whole file; its size is known, so this is faster than draining {@link #read}. */
    byte[] readAll(String path) throws IOException;

    long size(String path) throws IOException;

    /**
     * @return the file's size and what else the file system keeps (its last-modified time), from one
     *     read of its attributes
     * @throws java.nio.file.NoSuchFileException when there is no file (or a folder) at the path
     */
    ValueInfo stat(String path) throws IOException;

    /** @return whether {@link #stat} and listed entries give a last-modified time */
    boolean keepsModificationTimes();

    boolean isFile(String path) throws IOException;

    /**
     * Creates a new temp file, never opening an existing one, in a folder that must exist.
     *
     * @param path the temp file's path
     * @param streamed whether the write may take long (its data comes from a stream); such a file is
     *     shown to be in use, to this and to other processes, until the returned stream is closed
     * @return a stream writing the temp file, which the caller closes
     * @throws java.nio.file.NoSuchFileException when the folder does not exist
     */
    OutputStream createTemp(String path, boolean streamed) throws IOException;

    /** Creates a folder and its parents; an existing folder is fine. */
    void createFolder(String folder) throws IOException;

    /** Atomically replaces {@code target} (which may exist) with {@code source}; folders exist. */
    void replace(String source, String target) throws IOException;

    /** Copies {@code source} to a new temp file {@code temp} in an existing folder. */
    void copy(String source, String temp) throws IOException;

    /** Deletes a file; a missing file is not an error. */
    void delete(String path) throws IOException;

    /** Deletes a folder if it is empty; otherwise, or if it is missing, does nothing. */
    void deleteIfEmptyFolder(String folder) throws IOException;

    /** @return the entries of a folder, empty when it does not exist; the caller closes it */
    Listing list(String folder) throws IOException;

    /** @return a URL of the file, or {@code null} when the file system has none the JDK can open */
    URI url(String path);

    @Override
    void close();
}
