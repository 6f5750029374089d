package org.kvcaches.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kv} script with the class-data archive that {@code mvn package} makes next to
 * {@code kv.jar}: used when it fits, and a missing, stale or disabled archive, or a read-only
 * checkout, changes nothing a user sees. Class loading is read from the JVM's own log.
 */
class KvLauncherIT {
    private static Path launcher;
    private static Path jar;
    private static Path archive;

    @TempDir
    Path workingDirectory;

    private Path classLog;

    @BeforeAll
    static void findTheLauncher() {
        launcher = Path.of(System.getProperty("kv.launcher", "")).toAbsolutePath().normalize();
        jar = Path.of(System.getProperty("kv.jar", ""));
        archive = jar.resolveSibling("kv.jsa");
        assertTrue(Files.isRegularFile(launcher) && Files.isRegularFile(jar),
                "system properties kv.launcher and kv.jar must name the kv script and the packaged jar (run mvn verify)");
        assertTrue(Files.isRegularFile(archive), "mvn package makes " + archive + " (unless -Dkv.classArchive.skip)");
    }

    @BeforeEach
    void storeAValue() throws Exception {
        classLog = workingDirectory.resolve("classes.log");
        KvProcess.Run put = kv(launcher, Map.of(), "value\n", "put", "k");
        assertEquals(0, put.code(), put::toString);
    }

    @Test
    void theLauncherStartsFromTheArchiveAndPrintsOnlyTheValue() throws Exception {
        KvProcess.Run cat = kvLoggingClasses(launcher, Map.of(), "cat", "k");

        assertEquals(new KvProcess.Run(0, "value\n", ""), cat);
        assertEquals("shared objects file", sourceOf("org.kvcaches.cli.Kv"));
        assertEquals("shared objects file", sourceOf("picocli.CommandLine"));
    }

    @Test
    void kvClassArchiveOffStartsFromTheJar() throws Exception {
        KvProcess.Run cat = kvLoggingClasses(launcher, Map.of("KV_CLASS_ARCHIVE", "off"), "cat", "k");

        assertEquals(new KvProcess.Run(0, "value\n", ""), cat);
        assertTrue(sourceOf("org.kvcaches.cli.Kv").endsWith("kv.jar"), sourceOf("org.kvcaches.cli.Kv"));
    }

    @Test
    void catOfAFileKeyLoadsNeitherCommonsVfsNorTheAwsSdkNorJedisNorOtherCommands() throws Exception {
        KvProcess.Run cat = kvLoggingClasses(launcher, Map.of("KV_CLASS_ARCHIVE", "off"), "cat", "k");

        assertEquals(0, cat.code(), cat::toString);
        String loaded = Files.readString(classLog);
        for (String unused : List.of("org.apache.commons.vfs2.impl", "software.amazon.awssdk.core", "redis.clients.jedis.",
                "com.sun.org.apache.xerces", "org.kvcaches.cli.BenchCommand$")) {
            assertFalse(loaded.contains(" " + unused), unused + " was loaded");
        }
    }

    @Test
    void anArchiveThatDoesNotFitTheJarIsIgnoredWithoutAWord() throws Exception {
        // A copied checkout: the jar has another path and time than the archive was made for.
        Path copy = copyOfTheCheckout(true);
        Files.setLastModifiedTime(copy.resolve("kv-cli/target/kv.jsa"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));

        KvProcess.Run cat = kvLoggingClasses(copy.resolve("kv"), Map.of(), "cat", "k");

        assertEquals(new KvProcess.Run(0, "value\n", ""), cat);
        assertTrue(sourceOf("org.kvcaches.cli.Kv").endsWith("kv.jar"), sourceOf("org.kvcaches.cli.Kv"));
    }

    @Test
    void anArchiveOlderThanTheJarIsNotHandedToTheJvm() throws Exception {
        Path copy = copyOfTheCheckout(true);
        Files.setLastModifiedTime(copy.resolve("kv-cli/target/kv.jsa"), FileTime.fromMillis(0));

        KvProcess.Run cat = kv(copy.resolve("kv"), Map.of("KV_JAVA_OPTS", "-Xlog:cds=info:file=" + classLog), "", "cat", "k");

        assertEquals(new KvProcess.Run(0, "value\n", ""), cat);
        assertFalse(Files.readString(classLog).contains("kv.jsa"), "the JVM was given the archive");
    }

    @Test
    void withoutAnArchiveTheLauncherStartsFromTheJar() throws Exception {
        Path copy = copyOfTheCheckout(false);

        KvProcess.Run cat = kvLoggingClasses(copy.resolve("kv"), Map.of(), "cat", "k");

        assertEquals(new KvProcess.Run(0, "value\n", ""), cat);
        assertTrue(sourceOf("org.kvcaches.cli.Kv").endsWith("kv.jar"), sourceOf("org.kvcaches.cli.Kv"));
    }

    @Test
    void aReadOnlyCheckoutStartsAsUsual() throws Exception {
        // The launcher writes nothing; as root the permissions do not bind, and the run shows the same.
        Path copy = copyOfTheCheckout(true);
        for (Path path : List.of(copy.resolve("kv-cli/target/kv.jsa"), copy.resolve("kv-cli/target/kv.jar"),
                copy.resolve("kv-cli/target"), copy.resolve("kv-cli"), copy)) {
            assertTrue(path.toFile().setWritable(false, false), path::toString);
        }
        try {
            KvProcess.Run cat = kv(copy.resolve("kv"), Map.of(), "", "cat", "k");

            assertEquals(new KvProcess.Run(0, "value\n", ""), cat);
        } finally {
            for (Path path : List.of(copy, copy.resolve("kv-cli"), copy.resolve("kv-cli/target"))) {
                path.toFile().setWritable(true, true);
            }
        }
    }

    @Test
    void benchKeepsTheOptimisingCompilerAndOneShotCommandsDoNot() throws Exception {
        Map<String, String> printFlags = Map.of("KV_JAVA_OPTS", "-XX:+PrintCommandLineFlags");

        KvProcess.Run cat = kv(launcher, printFlags, "", "cat", "k");
        KvProcess.Run bench = kv(launcher, printFlags, "", "bench", "--store", "mem:", "--keys", "10", "--duration", "100ms", "--warmup", "0s");

        assertTrue(cat.out().contains("-XX:TieredStopAtLevel=1"), cat::toString);
        assertEquals(0, bench.code(), bench::toString);
        assertFalse(bench.out().contains("TieredStopAtLevel"), bench::toString);
    }

    /** Copies the kv script and the jar (and the archive) into a folder laid out as a checkout, with their times. */
    private Path copyOfTheCheckout(boolean withArchive) throws IOException {
        Path copy = workingDirectory.resolve("checkout");
        Files.createDirectories(copy.resolve("kv-cli/target"));
        Files.copy(launcher, copy.resolve("kv"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(jar, copy.resolve("kv-cli/target/kv.jar"), StandardCopyOption.COPY_ATTRIBUTES);
        if (withArchive) {
            Files.copy(archive, copy.resolve("kv-cli/target/kv.jsa"), StandardCopyOption.COPY_ATTRIBUTES);
        }
        return copy;
    }

    private KvProcess.Run kvLoggingClasses(Path script, Map<String, String> variables, String... args) throws Exception {
        Map<String, String> withLog = new java.util.HashMap<>(variables);
        withLog.put("KV_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
        return kv(script, withLog, "", args);
    }

    private KvProcess.Run kv(Path script, Map<String, String> variables, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", script.toString(), "--store", "file:" + workingDirectory.resolve("data")));
        command.addAll(List.of(args));
        return KvProcess.run(command, variables, workingDirectory, stdin);
    }

    /** @return where the last logged run loaded a class from: "shared objects file" or the jar's path */
    private String sourceOf(String className) throws IOException {
        for (String line : Files.readAllLines(classLog)) {
            int at = line.indexOf(" " + className + " source: ");
            if (at >= 0) {
                return line.substring(at + className.length() + " source: ".length() + 1).replace("file:", "").strip();
            }
        }
        throw new AssertionError(className + " was not loaded");
    }
}
