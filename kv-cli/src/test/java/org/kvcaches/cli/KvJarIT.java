package org.kvcaches.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.testservers.RedisTestServers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The packaged {@code kv.jar} run as its own process, the way the launcher script runs it. */
class KvJarIT {
    private static Path jar;

    @TempDir
    Path workingDirectory;

    @BeforeAll
    static void findTheJar() {
        String path = System.getProperty("kv.jar");
        assertTrue(path != null && Files.isRegularFile(Path.of(path)),
                "system property kv.jar must name the packaged jar (failsafe sets it; run mvn verify), was " + path);
        jar = Path.of(path);
    }

    private KvProcess.Run kv(String stdin, String... args) throws IOException, InterruptedException {
        return KvProcess.run(List.of("-jar", jar.toString()), List.of(args), workingDirectory, stdin);
    }

    @Test
    void withoutAStoreTheJarUsesAFolderKvDataInTheWorkingDirectory() throws Exception {
        KvProcess.Run put = kv("hello from a process\n", "put", "greeting");
        KvProcess.Run ls = kv("", "ls", "-l");
        KvProcess.Run cat = kv("", "cat", "greeting");

        assertEquals(0, put.code(), put::toString);
        assertTrue(Files.isDirectory(workingDirectory.resolve("kv-data")), "kv-data created in the working directory");
        assertTrue(ls.out().matches(" {10}21  \\d{4}-\\d\\d-\\d\\dT[\\d:.]{12}Z  -  greeting\n"), ls::toString);
        assertEquals("hello from a process\n", cat.out(), cat::toString);
    }

    @Test
    void exitCodesReachTheShell() throws Exception {
        KvProcess.Run missing = kv("", "get", "missing");
        KvProcess.Run usage = kv("", "ls", "--no-such-option");
        KvProcess.Run storeError = kv("", "ls", "--store", "redis://:hunter2@127.0.0.1:1/0?timeout=300ms");

        assertEquals(1, missing.code(), missing::toString);
        assertEquals("kv get: key not found: 'missing' in file:kv-data\n", missing.err().replace("\r", ""));
        assertEquals(2, usage.code(), usage::toString);
        assertEquals(3, storeError.code(), storeError::toString);
        assertTrue(!storeError.err().contains("hunter2") && !storeError.err().contains("\tat "), storeError::toString);
    }

    @Test
    void theJarCarriesEveryBackendAndItsVersion() throws Exception {
        KvProcess.Run info = kv("", "info", "--store", "mem:");
        KvProcess.Run version = kv("", "--version");

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

        KvProcess.Run sync = kv("", "sync", "file:kv-data", redis);

        assertEquals(0, sync.code(), sync::toString);
        try (KeyValueStore target = KeyValueStores.open(redis)) {
            assertEquals("two", new String(target.get("a/2"), StandardCharsets.UTF_8));
        }
        KvProcess.Run bench = kv("", "bench", "--store", "heap:// | " + redis, "--keys", "100", "--duration", "1s", "--warmup", "200ms", "--json");
        assertEquals(0, bench.code(), bench::toString);
        JsonNode report = new ObjectMapper().readTree(bench.out());
        assertEquals("cache", report.get("tiers").get(0).get("role").asText());
        assertTrue(report.get("opsPerSecond").asDouble() > 0, bench::toString);
    }
}
