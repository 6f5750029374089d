package org.kvcaches.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kvcaches.cli.KvRunner.kv;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.testservers.RedisServerProcess;
import org.kvcaches.testservers.RedisTestServers;

/** Exit codes, messages a person understands, help for every command, and secrets kept out of all output. */
class ErrorsAndHelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"put", "get", "cat", "rm", "ls", "cp", "mv", "sync", "info", "stats", "bench"})
    void everyCommandHasHelpWithExamples(String command) {
        KvRunner.Result help = kv(command, "--help");

        assertEquals(0, help.code(), help::toString);
        assertTrue(help.out().startsWith("Usage: kv " + command), help::toString);
        assertTrue(help.out().contains("Examples:"), help::toString);
        assertTrue(help.out().contains("  kv "), help::toString);
    }

    @Test
    void theTopLevelHelpListsTheCommandsAndTheExitCodes() {
        KvRunner.Result help = kv("--help");

        assertEquals(0, help.code());
        assertTrue(help.out().contains("Exit codes: 0 ok, 1 key not found, 2 usage error"), help::toString);
        assertTrue(help.out().contains("  bench  "), help::toString);
    }

    @Test
    void noCommandShowsTheUsageAndExitsTwo() {
        KvRunner.Result result = kv();

        assertEquals(2, result.code());
        assertTrue(result.stderr().contains("Commands:"), result::toString);
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithASuggestionAndNoSecret() {
        KvRunner.Result result = kv("--stor", "redis://:hunter2@cache:6379/0", "ls");

        assertEquals(2, result.code());
        assertTrue(result.stderr().contains("Unknown option"), result::toString);
        assertTrue(result.stderr().contains("--store"), "suggests the option: " + result);
        assertFalse(result.stderr().contains("hunter2"), result::toString);
    }

    @Test
    void anUnknownSchemeSaysToAddItsProviderWithoutInventingAnArtifact() {
        KvRunner.Result result = kv("ls", "--store", "gcs://bucket/data");

        assertEquals(2, result.code());
        assertTrue(result.stderr().startsWith("kv ls: no store provider for scheme 'gcs'"), result::toString);
        assertTrue(result.stderr().contains("add the jar of a store provider that serves it") && result.stderr().contains("s3"), result::toString);
        assertFalse(result.stderr().contains("kv-backend-gcs"), result::toString);
    }

    @Test
    void aMalformedOptionOfTheUriIsAUsageError() {
        KvRunner.Result result = kv("ls", "--store", "heap://?maxBytes=lots");

        assertEquals(2, result.code(), result::toString);
        assertTrue(result.stderr().contains("maxBytes"), result::toString);
    }

    @Test
    void anUnreachableServerIsAStoreErrorThatNamesItWithoutThePassword() {
        RedisServerProcess server = RedisTestServers.startPrivateServer();
        String uri = "redis://:hunter2@127.0.0.1:" + server.port() + "/0?timeout=500ms";
        server.close();

        KvRunner.Result result = kv("ls", "--store", uri);

        assertEquals(3, result.code(), result::toString);
        assertTrue(result.stderr().startsWith("kv ls: "), result::toString);
        assertTrue(result.stderr().contains("127.0.0.1:" + server.port()), result::toString);
        assertFalse(result.stderr().contains("hunter2"), result::toString);
        assertFalse(result.stderr().contains("\tat "), "no stack trace without --verbose: " + result);
    }

    @Test
    void verbosePrintsTheStackTraceStillWithoutThePassword() {
        KvRunner.Result result = kv("--verbose", "ls", "--store", "redis://:hunter2@127.0.0.1:1/0?timeout=500ms");

        assertEquals(3, result.code(), result::toString);
        assertTrue(result.stderr().contains("\tat org.kvcaches."), result::toString);
        assertFalse(result.stderr().contains("hunter2"), result::toString);
    }

    @Test
    void infoShowsAChainWithItsPasswordRedacted() {
        // The test server has no password set, and accepts the AUTH of the default user.
        String redis = RedisTestServers.standaloneUri().replace("redis://", "redis://:hunter2@");

        KvRunner.Result result = kv("info", "--store", "heap://?maxBytes=1MiB | " + redis + "/0");

        assertEquals(0, result.code(), result::toString);
        assertTrue(result.out().contains("  2  redis://:***@"), result::toString);
        assertFalse(result.out().contains("hunter2") || result.stderr().contains("hunter2"), result::toString);
    }

    @Test
    void infoOfAChainShowsEachTierWithItsRole() {
        KvRunner.Result result = kv("info", "--store", "heap://?maxBytes=1MiB | mem:");

        assertEquals(0, result.code(), result::toString);
        assertTrue(result.out().contains("  1  heap://?maxBytes=1MiB  (cache; age-bounded, fills arbitrated, breaker closed)"), result::toString);
        assertTrue(result.out().contains("  2  mem:  (authoritative)"), result::toString);
        assertTrue(result.out().contains("     staleness     read-your-writes in this process; other processes' writes are seen when"
                + " entries expire; no entry outlives PT1M under any single fault"), result::toString);
    }

    @Test
    void theStoreComesFromKvStoreWhenNoOptionNamesOne() {
        String name = "mem://env-" + UUID.randomUUID();
        try (KeyValueStore holder = KeyValueStores.open(name)) {
            holder.put("from-env", new byte[] {1});

            KvRunner.Result result = new KvRunner().variable("KV_STORE", name).run("ls");

            assertEquals("from-env\n", result.out(), result::toString);
        }
    }

    @Test
    void theStoreOptionWinsOverKvStore() {
        String name = "mem://option-" + UUID.randomUUID();
        try (KeyValueStore holder = KeyValueStores.open(name)) {
            holder.put("from-option", new byte[] {1});

            KvRunner.Result before = new KvRunner().variable("KV_STORE", "s3://not-used").run("--store", name, "ls");
            KvRunner.Result after = new KvRunner().variable("KV_STORE", "s3://not-used").run("ls", "--store", name);

            assertEquals("from-option\n", before.out(), before::toString);
            assertEquals("from-option\n", after.out(), after::toString);
        }
    }

    @Test
    void aBadDurationSaysWhatADurationLooksLike() {
        KvRunner.Result result = kv("bench", "--store", "mem:", "--duration", "soon");

        assertEquals(2, result.code());
        assertTrue(result.stderr().contains("20s"), result::toString);
    }
}
