package org.kvcaches.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands on a {@code file:} store in a temporary folder. */
class FileCommandsTest extends CommandContract {
    @TempDir
    Path root;

    @Override
    String store() {
        return "file:" + root.resolve("data");
    }

    @Test
    void putWritesTheValueIntoAFileUnderTheRoot() throws Exception {
        assertOk(withStore(new KvRunner().stdin("written through kv"), "put", "a/b"));

        try (var found = Files.walk(root.resolve("data"))) {
            assertEquals(1, found.filter(Files::isRegularFile).filter(f -> {
                try {
                    return Files.readString(f).equals("written through kv");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).count());
        }
    }

    @Test
    void aTtlOnAStoreWithoutTtlIsAUsageErrorAndStoresNothing() {
        KvRunner.Result result = withStore(new KvRunner().stdin("v"), "put", "--ttl", "10s", "session");

        assertEquals(2, result.code(), result::toString);
        assertTrue(result.stderr().contains("cannot do this"), result::toString);
        assertEquals("", kvOn("ls").out());
    }

    @Test
    void putOfAMissingFileIsAUsageError() {
        KvRunner.Result result = kvOn("put", "k", root.resolve("nope.txt").toString());

        assertEquals(2, result.code(), result::toString);
        assertTrue(result.stderr().contains("no such file"), result::toString);
    }
}
