package org.kvcaches.api.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which artifact of this project serves each of its schemes, and which libraries its backends
 * need, for the "add this jar" part of messages. kv-cli's {@code SchemeCatalogTest}, which has every
 * backend on its class path, fails when this catalog and the providers disagree.
 */
public final class SchemeCatalog {
    /**
     * One scheme of this project: the artifact to add and the provider class that serves it.
     *
     * @param scheme the scheme, in lower case
     * @param artifact the Maven coordinates to add for it
     * @param provider the class name of its provider
     * @param alwaysServed whether the provider serves it whenever the provider loads (not only with an
     *     optional library), which lets {@link ProviderRegistry} load that provider alone to open it
     */
    public record Entry(String scheme, String artifact, String provider, boolean alwaysServed) {
    }

    /** A package and the artifact that provides its classes. */
    private record Library(String packagePrefix, String artifact) {
    }

    private static final String FS = "org.kvcaches.fs.FileSystemStoreProvider";

    private static final List<Entry> ENTRIES = List.of(
            new Entry("mem", "org.kvcaches:kv-api", "org.kvcaches.api.internal.MemoryStoreProvider", true),
            new Entry("heap", "org.kvcaches:kv-cache", "org.kvcaches.cache.HeapStoreProvider", true),
            new Entry("file", "org.kvcaches:kv-backend-fs", FS, true),
            new Entry("ram", "org.kvcaches:kv-backend-fs", FS, false),
            new Entry("tmp", "org.kvcaches:kv-backend-fs", FS, false),
            new Entry("sftp", "org.kvcaches:kv-backend-fs", FS, false),
            new Entry("ftp", "org.kvcaches:kv-backend-fs", FS, false),
            new Entry("ftps", "org.kvcaches:kv-backend-fs", FS, false),
            new Entry("webdav4", "org.kvcaches:kv-backend-fs", FS, false),
            new Entry("webdav4s", "org.kvcaches:kv-backend-fs", FS, false),
            new Entry("hdfs", "org.kvcaches:kv-backend-fs", FS, false),
            new Entry("redis", "org.kvcaches:kv-backend-redis", "org.kvcaches.redis.RedisStoreProvider", true),
            new Entry("rediss", "org.kvcaches:kv-backend-redis", "org.kvcaches.redis.RedisStoreProvider", true),
            new Entry("s3", "org.kvcaches:kv-backend-s3", "org.kvcaches.s3.S3StoreProvider", true));

    private static final Set<String> PROVIDERS = ENTRIES.stream().map(Entry::provider).collect(Collectors.toUnmodifiableSet());

    /** The tier composer of this project and its artifact. */
    public static final Entry COMPOSER = new Entry("", "org.kvcaches:kv-cache", "org.kvcaches.cache.TierChainComposer", false);

    private static final List<Library> LIBRARIES = List.of(
            new Library("org.apache.commons.vfs2.", "org.apache.commons:commons-vfs2"),
            new Library("org.apache.commons.lang3.", "org.apache.commons:commons-lang3"),
            new Library("org.apache.commons.io.", "commons-io:commons-io"),
            new Library("org.apache.commons.logging.", "commons-logging:commons-logging"),
            new Library("redis.clients.jedis.", "redis.clients:jedis"),
            new Library("org.apache.commons.pool2.", "org.apache.commons:commons-pool2"),
            new Library("com.google.gson.", "com.google.code.gson:gson"),
            new Library("org.json.", "org.json:json"),
            new Library("org.slf4j.", "org.slf4j:slf4j-api"),
            new Library("software.amazon.awssdk.http.apache5.", "software.amazon.awssdk:apache5-client"),
            new Library("software.amazon.awssdk.", "software.amazon.awssdk:s3 and its dependencies"),
            new Library("com.github.benmanes.caffeine.", "com.github.ben-manes.caffeine:caffeine"));

    private SchemeCatalog() {
    }

    /** @return every scheme of this project */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** @return the class names of this project's store providers */
    public static Set<String> providers() {
        return PROVIDERS;
    }

    /**
     * @param scheme a scheme, in lower case
     * @return this project's entry for it, if it is one of ours
     */
    public static Optional<Entry> lookup(String scheme) {
        return ENTRIES.stream().filter(e -> e.scheme().equals(scheme)).findFirst();
    }

    /**
     * @param className a class name with dots or slashes, such as a missing class's
     * @return the artifact that provides it, when it belongs to a library our backends use
     */
    public static Optional<String> artifactOfClass(String className) {
        String dotted = className.replace('/', '.');
        return LIBRARIES.stream().filter(l -> dotted.startsWith(l.packagePrefix())).map(Library::artifact).findFirst();
    }
}
