package org.kvcaches.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kvcaches.cli.KvRunner.kv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every command does on any store. A subclass names the store; each test gets a fresh, empty
 * one and runs {@code kv} against it as a user would.
 */
abstract class CommandContract {
    @TempDir
    Path files;

    /** @return the URI of a fresh, empty store for this test, which stays readable across commands */
    abstract String store();

    KvRunner.Result kvOn(String... args) {
        return withStore(new KvRunner(), args);
    }

    KvRunner.Result withStore(KvRunner runner, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = args[0];
        all[1] = "--store=" + store();
        System.arraycopy(args, 1, all, 2, args.length - 1);
        return runner.run(all);
    }

    static void assertOk(KvRunner.Result result) {
        assertEquals(0, result.code(), result::toString);
    }

    @Test
    void putFromStandardInputThenCatGivesTheSameBytes() {
        byte[] every = new byte[256];
        for (int i = 0; i < 256; i++) {
            every[i] = (byte) i;
        }
        assertOk(withStore(new KvRunner().stdin(every), "put", "bin/all-bytes"));

        KvRunner.Result cat = kvOn("cat", "bin/all-bytes");

        assertOk(cat);
        assertArrayEquals(every, cat.stdout());
    }

    @Test
    void putOfAFileThenGetIntoAFileRoundTripsALargeValue() throws IOException {
        byte[] value = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(value);
        Path source = Files.write(files.resolve("in.bin"), value);
        Path target = files.resolve("out.bin");

        assertOk(kvOn("put", "big/value", source.toString()));
        assertOk(kvOn("get", "big/value", target.toString()));

        assertArrayEquals(value, Files.readAllBytes(target));
    }

    @Test
    void getOfAMissingKeyExitsOneNamesTheKeyAndLeavesNoFile() {
        Path target = files.resolve("never.bin");

        KvRunner.Result result = kvOn("get", "no/such/key", target.toString());

        assertEquals(1, result.code(), result::toString);
        assertTrue(result.stderr().startsWith("kv get: key not found: 'no/such/key' in "), result::toString);
        assertFalse(result.stderr().contains("\tat "), "no stack trace without --verbose: " + result);
        assertFalse(Files.exists(target));
    }

    @Test
    void anInvalidKeyIsAUsageErrorThatSaysWhichRule() {
        KvRunner.Result result = withStore(new KvRunner().stdin("x"), "put", "a//b");

        assertEquals(2, result.code(), result::toString);
        assertTrue(result.stderr().contains("'a//b'"), result::toString);
    }

    @Test
    void lsListsKeysSortedAndFiltersByPrefix() {
        for (String key : new String[] {"b/2", "a", "b/1", "c/x/y"}) {
            assertOk(withStore(new KvRunner().stdin(key), "put", key));
        }

        assertEquals("a\nb/1\nb/2\nc/x/y\n", kvOn("ls").out());
        assertEquals("b/1\nb/2\n", kvOn("ls", "b/").out());
        assertEquals("a\nb/\nc/\n", kvOn("ls", "-d", "/").out());
        assertEquals("c/x/\n", kvOn("ls", "-d", "/", "c/").out());
    }

    @Test
    void lsLongShowsSizeTimeAndVersionAndFoldersAsPre() {
        assertOk(withStore(new KvRunner().stdin("12345"), "put", "dir/five"));
        assertOk(withStore(new KvRunner().stdin(""), "put", "empty"));

        // Size, last-modified time in UTC to the millisecond or -, version or -, key.
        String time = "(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z|- {23})";
        String line = " {11}%d  " + time + "  \\S+  %s\n";
        String longListing = kvOn("ls", "-l").out();
        assertTrue(longListing.matches(String.format(line + line, 5, "dir/five", 0, "empty")), longListing);
        String oneLevel = kvOn("ls", "-l", "-d", "/").out();
        assertTrue(oneLevel.matches(String.format(" {9}PRE  - {23}  -  dir/\n" + line, 0, "empty")), oneLevel);
    }

    @Test
    void rmRemovesNamedKeysAndKeysUnderAPrefixAndCountsThem() {
        for (String key : new String[] {"keep", "tmp/1", "tmp/2", "tmp/3/deep", "one", "two"}) {
            assertOk(withStore(new KvRunner().stdin(key), "put", key));
        }

        assertOk(kvOn("rm", "one", "two", "never-existed"));
        KvRunner.Result byPrefix = kvOn("rm", "--prefix", "tmp/");

        assertOk(byPrefix);
        assertEquals("removed 3 keys starting with 'tmp/'\n", byPrefix.out());
        assertEquals("keep\n", kvOn("ls").out());
    }

    @Test
    void rmChecksEveryKeyBeforeRemovingAny() {
        assertOk(withStore(new KvRunner().stdin("v"), "put", "first"));

        KvRunner.Result result = kvOn("rm", "first", "bad key");

        assertEquals(2, result.code(), result::toString);
        assertEquals("first\n", kvOn("ls").out());
    }

    @Test
    void rmWithoutKeysOrPrefixIsAUsageError() {
        KvRunner.Result result = kvOn("rm");

        assertEquals(2, result.code(), result::toString);
        assertTrue(result.stderr().contains("--prefix P or --all"), result::toString);
    }

    @Test
    void cpCopiesAndMvMovesInsideTheStore() {
        assertOk(withStore(new KvRunner().stdin("value"), "put", "from"));

        assertOk(kvOn("cp", "from", "copy"));
        assertOk(kvOn("mv", "from", "moved"));

        assertEquals("copy\nmoved\n", kvOn("ls").out());
        assertEquals("valuevalue", kvOn("cat", "copy", "moved").out());
        assertEquals(1, kvOn("mv", "from", "again").code());
    }

    @Test
    void infoShowsTheStoreItsCapabilitiesAndTheProviders() {
        KvRunner.Result info = kvOn("info");

        assertOk(info);
        assertTrue(info.out().startsWith("store         "), info::toString);
        assertTrue(info.out().contains("capabilities  "), info::toString);
        for (String provider : new String[] {"MemoryStoreProvider", "HeapStoreProvider", "FileSystemStoreProvider", "RedisStoreProvider"}) {
            assertTrue(info.out().contains(provider), provider + " missing: " + info);
        }
    }
}
