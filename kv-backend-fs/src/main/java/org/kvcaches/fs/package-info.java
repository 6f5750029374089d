/**
 * File-system stores: {@code file:} through java.nio and the Commons VFS schemes ({@code ram:},
 * {@code tmp:}, {@code sftp:} and others whose providers are on the class path). One store algorithm
 * ({@link org.kvcaches.fs.FileSystemStore}) over a small tree interface that hides the medium; keys map
 * to paths injectively and writes replace files atomically. Opened by URI through
 * {@link org.kvcaches.fs.FileSystemStoreProvider}.
 */
package org.kvcaches.fs;
