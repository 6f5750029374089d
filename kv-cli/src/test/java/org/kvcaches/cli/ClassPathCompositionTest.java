package org.kvcaches.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code kv} run as a child JVM on this test's class path with one dependency jar left out, as a
 * user's hand-made class path would be: the provider that needs it is named with the missing class
 * and the artifact to add, and every other scheme keeps working.
 */
class ClassPathCompositionTest {
    @TempDir
    Path folder;

    @ParameterizedTest(name = "without {0}, {1}")
    @CsvSource(delimiter = ';', value = {
        "commons-lang3-; ram:///x; scheme 'ram' (in 'ram:///x') needs org.apache.commons:commons-vfs2 and its dependencies; lang3",
        "commons-pool2-; redis://127.0.0.1:1/0?timeout=100ms; RedisStoreProvider needs class org.apache.commons.pool2.; (add org.apache.commons:commons-pool2)",
        "apache5-client-; s3://bucket?endpoint=http://127.0.0.1:1&region=us-east-1; S3StoreProvider needs class software.amazon.awssdk.http.apache5.; (add software.amazon.awssdk:apache5-client)",
        "caffeine-; heap://; HeapStoreProvider needs class com.github.benmanes.caffeine.; (add com.github.ben-manes.caffeine:caffeine)"})
    void aMissingLibraryOfOneSchemeIsNamedWhenItIsOpened(String jarPrefix, String uri, String named, String hint) throws Exception {
        List<String> classPath = classPathWithout(jarPrefix);

        KvProcess.Run broken = kv(classPath, "ls", "--store", uri);
        KvProcess.Run mem = kv(classPath, "ls", "--store", "mem:");

        assertTrue(broken.code() != 0 && broken.err().contains(named) && broken.err().contains(hint), broken::toString);
        assertEquals(0, mem.code(), mem::toString);
    }

    @ParameterizedTest(name = "without {0}")
    @CsvSource({
        "commons-vfs2-, file, org.kvcaches.fs.FileSystemStoreProvider needs class org.apache.commons.vfs2., org.apache.commons:commons-vfs2",
        "jedis-, redis, org.kvcaches.redis.RedisStoreProvider needs class redis.clients.jedis., redis.clients:jedis",
        "s3-2, s3, org.kvcaches.s3.S3StoreProvider needs class software.amazon.awssdk., software.amazon.awssdk:s3"})
    void aMissingDependencyNamesItsProviderAndTheOtherSchemesWork(String jarPrefix, String scheme, String named, String artifact)
            throws Exception {
        List<String> classPath = classPathWithout(jarPrefix);
        String uri = switch (scheme) {
            case "file" -> folder.toUri().toString();
            case "redis" -> "redis://127.0.0.1:1/0?timeout=100ms";
            default -> "s3://bucket?endpoint=http://127.0.0.1:1&region=us-east-1";
        };

        KvProcess.Run broken = kv(classPath, "ls", "--store", uri);
        KvProcess.Run mem = kv(classPath, "ls", "--store", "mem:");
        KvProcess.Run info = kv(classPath, "info", "--store", "heap:// | mem:");

        assertEquals(3, broken.code(), broken::toString);
        assertTrue(broken.err().contains(named) && broken.err().contains("(add " + artifact), broken::toString);
        assertEquals(0, mem.code(), mem::toString);
        assertEquals(0, info.code(), info::toString);
        assertTrue(info.out().contains("broken providers (skipped; the other schemes work)\n  " + named), info::toString);
    }

    /** @return this JVM's class path without the jars whose file names start with the prefix (at least one) */
    private static List<String> classPathWithout(String jarPrefix) {
        List<String> all = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        List<String> kept = all.stream().filter(e -> !Path.of(e).getFileName().toString().startsWith(jarPrefix)).collect(Collectors.toList());
        assertTrue(kept.size() < all.size(), "no jar " + jarPrefix + "* on the class path " + all);
        return kept;
    }

    private KvProcess.Run kv(List<String> classPath, String... args) throws IOException, InterruptedException {
        return KvProcess.run(List.of("-cp", String.join(File.pathSeparator, classPath), Kv.class.getName()), List.of(args), folder, "");
    }
}
