package org.kvcaches.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.kvcaches.api.spi.StoreOption;
import org.kvcaches.api.spi.StoreProvider;
import org.kvcaches.api.spi.StoreUri;

/**
 * Serves {@code file:} (java.nio) and the writable Commons VFS schemes whose providers are on the
 * class path: always {@code ram:} and {@code tmp:}; {@code sftp:}, {@code ftp:}, {@code ftps:},
 * {@code webdav4:}, {@code webdav4s:} and {@code hdfs:} when their libraries are present. Archive and
 * read-only schemes ({@code zip:}, {@code jar:}, {@code http:}, ...) cannot hold a store and are not
 * claimed.
 *
 * <p>Options: {@code create} for every scheme; {@code fsync} and {@code permissions} for {@code file:}
 * (see {@link #options(String)}). A VFS scheme whose library is missing is reported by
 * {@link #unavailableSchemes()} with the library to add.
 */
public final class FileSystemStoreProvider implements StoreProvider {
    /** The writable VFS schemes, each with the library that Commons VFS needs to serve it. */
    private static final Map<String, String> VFS_LIBRARIES = vfsLibraries();

    static final boolean DEFAULT_CREATE = true;
    static final boolean DEFAULT_FSYNC = false;

    static final StoreOption<Boolean> CREATE = StoreOption.flag("create",
            "create the root folder if it is missing; with false a missing root is an error").withDefault(DEFAULT_CREATE);
    static final StoreOption<Boolean> FSYNC = StoreOption.flag("fsync",
            "force each value and its folder to disk before a write returns (about 2 k writes/s instead of 15 k on this"
                    + " project's machines)").withDefault(DEFAULT_FSYNC);
    static final StoreOption<String> PERMISSIONS = StoreOption.string("permissions", "POSIX permissions of new value files")
            .matching("([r-][w-][x-]){3}", "rw-r-----").withDefaultText("the umask's");

    private static Map<String, String> vfsLibraries() {
        Map<String, String> libraries = new LinkedHashMap<>();
        libraries.put("ram", "org.apache.commons:commons-vfs2 and its dependencies");
        libraries.put("tmp", "org.apache.commons:commons-vfs2 and its dependencies");
        libraries.put("sftp", "com.github.mwiede:jsch");
        libraries.put("ftp", "commons-net:commons-net");
        libraries.put("ftps", "commons-net:commons-net");
        libraries.put("webdav4", "org.apache.commons:commons-vfs2-jackrabbit2");
        libraries.put("webdav4s", "org.apache.commons:commons-vfs2-jackrabbit2");
        libraries.put("hdfs", "org.apache.commons:commons-vfs2-hdfs");
        return Collections.unmodifiableMap(libraries);
    }

    @Override
    public Set<String> schemes() {
        Set<String> schemes = new TreeSet<>();
        schemes.add("file");
        FileSystemManager manager = vfs();
        if (manager != null) {
            for (String scheme : VFS_LIBRARIES.keySet()) {
                if (manager.hasProvider(scheme)) {
                    schemes.add(scheme);
                }
            }
        }
        return schemes;
    }

    @Override
    public Map<String, String> unavailableSchemes() {
        Map<String, String> missing = new LinkedHashMap<>(VFS_LIBRARIES);
        missing.keySet().removeAll(schemes());
        String problem = vfsProblem();
        if (problem != null) {
            missing.replaceAll((scheme, library) -> library + " (Commons VFS does not start: " + problem + ")");
        }
        return missing;
    }

    @Override
    public List<StoreOption<?>> options(String scheme) {
        return scheme.equals("file") ? List.of(CREATE, FSYNC, PERMISSIONS) : List.of(CREATE);
    }

    @Override
    public Optional<String> artifact() {
        return Optional.of("org.kvcaches:kv-backend-fs");
    }

    @Override
    public KeyValueStore open(StoreUri uri) {
        boolean create = uri.options().getOrDefault(CREATE);
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
        Set<PosixFilePermission> permissions = uri.options().get(PERMISSIONS).map(PosixFilePermissions::fromString).orElse(null);
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
        return new FileSystemStore(uri.toString(), new NioTree(root, uri.options().getOrDefault(FSYNC), permissions));
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

    /** @return the VFS manager, or null when Commons VFS cannot start (then only file: is served) */
    private static FileSystemManager vfs() {
        return Vfs.STARTED.manager();
    }

    /** @return why Commons VFS does not start (such as a missing library of its own), or null when it does */
    private static String vfsProblem() {
        return Vfs.STARTED.problem();
    }

    /**
     * Commons VFS started once, or why it could not be: its first error names the missing class, a
     * later attempt would only say that VFS could not be initialised.
     */
    private record Vfs(FileSystemManager manager, String problem) {
        static final Vfs STARTED = start();

        private static Vfs start() {
            try {
                return new Vfs(VFS.getManager(), null);
            } catch (FileSystemException | LinkageError e) {
                return new Vfs(null, e.toString());
            }
        }
    }
}
