package org.kvcaches.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.redis.RedisTestServers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The packaged {@code kv.jar} run as its own process, the way the launcher script runs it. */
class KvJarIT {
    private static Path jar;

    @TempDir
    Path workingDirectory;

    /** What a finished process left behind. */
    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    @BeforeAll
    static void findTheJar() {
        String path = System.getProperty("kv.jar");
        assertTrue(path != null && Files.isRegularFile(Path.of(path)),
                "system property kv.jar must name the packaged jar (failsafe sets it; run mvn verify), was " + path);
        jar = Path.of(path);
    }

    private Run kv(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workingDirectory.getParent(), "kv-out", ".txt");
        Path err = Files.createTempFile(workingDirectory.getParent(), "kv-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("KV_STORE");
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "kv " + String.join(" ", args) + " did not finish in 120 s");
        Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    @Test
    void withoutAStoreTheJarUsesAFolderKvDataInTheWorkingDirectory() throws Exception {
        Run put = kv("hello from a process\n", "put", "greeting");
        Run ls = kv("", "ls", "-l");
        Run cat = kv("", "cat", "greeting");

        assertEquals(0, put.code(), put::toString);
        assertTrue(Files.isDirectory(workingDirectory.resolve("kv-data")), "kv-data created in the working directory");
        assertEquals(String.format("%12d  greeting%n", 21), ls.out(), ls::toString);
        assertEquals("hello from a process\n", cat.out(), cat::toString);
    }

    @Test
    void exitCodesReachTheShell() throws Exception {
        Run missing = kv("", "get", "missing");
        Run usage = kv("", "ls", "--no-such-option");
        Run storeError = kv("", "ls", "--store", "redis://:hunter2@127.0.0.1:1/0?timeout=300ms");

        assertEquals(1, missing.code(), missing::toString);
        assertEquals("kv get: key not found: 'missing' in file:kv-data\n", missing.err().replace("\r", ""));
        assertEquals(2, usage.code(), usage::toString);
        assertEquals(3, storeError.code(), storeError::toString);
        assertTrue(!storeError.err().contains("hunter2") && !storeError.err().contains("\tat "), storeError::toString);
    }

    @Test
    void theJarCarriesEveryBackendAndItsVersion() throws Exception {
        Run info = kv("", "info", "--store", "mem:");
        Run version = kv("", "--version");

        assertEquals(0, info.code(), info::toString);
        for (String scheme : new String[] {"mem ", "heap ", "file, ram, tmp ", "redis, rediss ", "s3 "}) {
            assertTrue(info.out().contains("  " + scheme), "scheme " + scheme + " missing: " + info);
        }
        assertTrue(info.out().contains("RedisStoreProvider  0.1.0"), "the manifest's version: " + info);
        assertTrue(version.out().startsWith("kv 0.1.0"), version::toString);
    }

    @Test
    void syncFromTheDefaultFolderToRedisThenBenchTheChain() throws Exception {
        String redis = RedisTestServers.standaloneUri() + "/0?prefix=jar-" + UUID.randomUUID() + ":";
        assertEquals(0, kv("one", "put", "a/1").code());
        assertEquals(0, kv("two", "put", "a/2").code());

        Run sync = kv("", "sync", "file:kv-data", redis);

        assertEquals(0, sync.code(), sync::toString);
        try (KeyValueStore target = KeyValueStores.open(redis)) {
            assertEquals("two", new String(target.get("a/2"), StandardCharsets.UTF_8));
        }
        Run bench = kv("", "bench", "--store", "heap:// | " + redis, "--keys", "100", "--duration", "1s", "--warmup", "200ms", "--json");
        assertEquals(0, bench.code(), bench::toString);
        JsonNode report = new ObjectMapper().readTree(bench.out());
        assertEquals("cache", report.get("tiers").get(0).get("role").asText());
        assertTrue(report.get("opsPerSecond").asDouble() > 0, bench::toString);
    }
}
