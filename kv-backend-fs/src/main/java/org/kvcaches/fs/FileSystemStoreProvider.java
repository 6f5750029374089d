package org.kvcaches.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.vfs2.FileObject;
import org.apache.commons.vfs2.FileSystemException;
import org.apache.commons.vfs2.FileSystemManager;
import org.apache.commons.vfs2.FileSystemOptions;
import org.apache.commons.vfs2.FileType;
import org.apache.commons.vfs2.VFS;
import org.apache.commons.vfs2.auth.StaticUserAuthenticator;
import org.apache.commons.vfs2.impl.DefaultFileSystemConfigBuilder;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KvException;
import org.kvcaches.api.StoreUriException;
import org.kvcaches.api.spi.StoreProvider;
import org.kvcaches.api.spi.StoreUri;

/**
 * Serves {@code file:} (java.nio) and the writable Commons VFS schemes whose providers are on the
 * class path: always {@code ram:} and {@code tmp:}; {@code sftp:}, {@code ftp:}, {@code ftps:},
 * {@code webdav4:}, {@code webdav4s:} and {@code hdfs:} when their libraries are present. Archive and
 * read-only schemes ({@code zip:}, {@code jar:}, {@code http:}, ...) cannot hold a store and are not
 * claimed.
 *
 * <p>Options: {@code create} (create the root if missing; default {@code true}); for {@code file:}
 * also {@code fsync} (force each value and its folder to disk before a write returns; default
 * {@code false}) and {@code permissions} (POSIX permissions of new files, e.g. {@code rw-r-----}).
 */
public final class FileSystemStoreProvider implements StoreProvider {
    private static final List<String> VFS_SCHEMES = List.of("ram", "tmp", "sftp", "ftp", "ftps", "webdav4", "webdav4s", "hdfs");

    @Override
    public Set<String> schemes() {
        Set<String> schemes = new TreeSet<>();
        schemes.add("file");
        FileSystemManager manager = vfs();
        if (manager != null) {
            for (String scheme : VFS_SCHEMES) {
                if (manager.hasProvider(scheme)) {
                    schemes.add(scheme);
                }
            }
        }
        return schemes;
    }

    @Override
    public Set<String> options(String scheme) {
        return scheme.equals("file") ? Set.of("create", "fsync", "permissions") : Set.of("create");
    }

    @Override
    public KeyValueStore open(StoreUri uri) {
        boolean create = uri.options().flag("create", true);
        return uri.scheme().equals("file") ? openLocal(uri, create) : openVfs(uri, create);
    }

    private static KeyValueStore openLocal(StoreUri uri, boolean create) {
        if (!uri.host().isEmpty() && !uri.host().equals("localhost")) {
            throw new StoreUriException("file store URI '" + uri + "' names host '" + uri.host()
                    + "'; use file:///absolute/path or file:relative/path");
        }
        if (uri.path().isEmpty()) {
            throw new StoreUriException("file store URI '" + uri + "' has no path; use file:///absolute/path or file:relative/path");
        }
        Set<PosixFilePermission> permissions = null;
        String permissionText = uri.options().string("permissions", null);
        if (permissionText != null) {
            try {
                permissions = PosixFilePermissions.fromString(permissionText);
            } catch (IllegalArgumentException e) {
                throw new StoreUriException("option 'permissions' of store URI '" + uri + "' is '" + permissionText
                        + "'; expected nine characters such as rw-r-----", e);
            }
        }
        Path root;
        try {
            root = Path.of(uri.path()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new StoreUriException("file store URI '" + uri + "' has a path this system cannot use: " + e.getMessage(), e);
        }
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(root)) {
            throw new KvException("cannot open file store " + uri + ": its root " + root + " is a file, not a folder");
        }
        if (!Files.isDirectory(root)) {
            if (!create) {
                throw new KvException("cannot open file store " + uri + ": its root " + root
                        + " does not exist (create=false); create the folder or drop create=false");
            }
            try {
                Files.createDirectories(root);
            } catch (IOException e) {
                throw new KvException("cannot open file store " + uri + ": cannot create its root " + root + ": " + e, e);
            }
        }
        return new FileSystemStore(uri.toString(), new NioTree(root, uri.options().flag("fsync", false), permissions));
    }

    private static KeyValueStore openVfs(StoreUri uri, boolean create) {
        FileSystemManager manager = vfs();
        if (manager == null) {
            throw new KvException("cannot open " + uri + ": Commons VFS could not start");
        }
        StringBuilder address = new StringBuilder(uri.scheme()).append("://");
        if (!uri.hosts().isEmpty()) {
            address.append(uri.hosts().get(0));
        }
        address.append(uri.path().isEmpty() ? "/" : (uri.path().startsWith("/") ? "" : "/") + uri.path().replace("%", "%25"));
        FileSystemOptions options = new FileSystemOptions();
        if (uri.user().isPresent()) {
            DefaultFileSystemConfigBuilder.getInstance().setUserAuthenticator(options,
                    new StaticUserAuthenticator(null, uri.user().get(), uri.password().orElse(null)));
        }
        try {
            FileObject root = manager.resolveFile(address.toString(), options);
            if (root.getType() == FileType.FILE) {
                throw new KvException("cannot open file store " + uri + ": its root is a file, not a folder");
            }
            if (!root.exists()) {
                if (!create) {
                    throw new KvException("cannot open file store " + uri + ": its root does not exist (create=false)");
                }
                root.createFolder();
            }
            return new FileSystemStore(uri.toString(), new VfsTree(root));
        } catch (FileSystemException e) {
            throw new KvException("cannot open file store " + uri + ": " + StoreUri.redact(String.valueOf(e.getMessage())), e);
        }
    }

    private static FileSystemManager vfs() {
        try {
            return VFS.getManager();
        } catch (FileSystemException e) {
            return null;
        }
    }
}
