package org.kvcaches.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;

/**
 * The few file operations a {@link FileSystemStore} needs, over {@code /}-separated paths relative to
 * the store's root. Two implementations: {@link NioTree} ({@code file:}) and {@link VfsTree} (Commons
 * VFS schemes). Missing files are reported as {@link java.nio.file.NoSuchFileException}.
 */
interface Tree extends AutoCloseable {

    /** A folder entry: its name and whether it is a folder. */
    record Entry(String name, boolean folder) {
    }

    /** @return the root, for messages */
    String root();

    InputStream read(String path) throws IOException;

    /** Reads a whole file; its size is known, so this is faster than draining {@link #read}. */
    byte[] readAll(String path) throws IOException;

    long size(String path) throws IOException;

    boolean isFile(String path) throws IOException;

    /**
     * Creates the folder (and its parents) and a new temp file in it.
     *
     * @param folder the folder path, {@code ""} for the root
     * @param name the temp file's name
     * @return a stream writing the temp file, which the caller closes
     */
    OutputStream createTemp(String folder, String name) throws IOException;

    /** Creates a folder and its parents; an existing folder is fine. */
    void createFolder(String folder) throws IOException;

    /** Makes the temp file's content durable, when the store is asked to. */
    void sync(String path) throws IOException;

    /** Atomically replaces {@code target} (which may exist) with {@code source}; folders exist. */
    void replace(String source, String target) throws IOException;

    /** Copies {@code source} to a new temp file {@code temp} in an existing folder. */
    void copy(String source, String temp) throws IOException;

    /** Deletes a file; a missing file is not an error. */
    void delete(String path) throws IOException;

    /** Deletes a folder if it is empty; otherwise, or if it is missing, does nothing. */
    void deleteIfEmptyFolder(String folder) throws IOException;

    /** @return the entries of a folder, or an empty list when it does not exist */
    List<Entry> list(String folder) throws IOException;

    /** @return a URL of the file, or {@code null} when the file system has none the JDK can open */
    URI url(String path);

    @Override
    void close();
}
