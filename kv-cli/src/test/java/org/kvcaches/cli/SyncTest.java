package org.kvcaches.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kvcaches.cli.KvRunner.kv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.testservers.RedisTestServers;
import org.kvcaches.testservers.S3TestServers;

/**
 * {@code kv sync} between backends of different kinds (a folder and a real Redis server), and between
 * two folders, where unchanged keys are skipped.
 */
class SyncTest {
    @TempDir
    Path root;

    private final String redis = RedisTestServers.standaloneUri() + "/0?prefix=sync-" + UUID.randomUUID() + ":";

    private String file() {
        return "file:" + root.resolve("data");
    }

    private static List<String> keys(KeyValueStore store) {
        try (var keys = store.keys("")) {
            return keys.sorted().collect(Collectors.toList());
        }
    }

    @Test
    void syncCopiesEveryKeyFromAFolderToRedisWithLargeValuesIntact() {
        byte[] large = new byte[5 * 1024 * 1024 + 3];
        new Random(1).nextBytes(large);
        try (KeyValueStore source = KeyValueStores.open(file()); KeyValueStore target = KeyValueStores.open(redis)) {
            for (int i = 0; i < 50; i++) {
                source.put("items/" + i, ("item " + i).getBytes(StandardCharsets.UTF_8));
            }
            source.put("large/blob", large);
            source.put("empty", new byte[0]);

            KvRunner.Result result = kv("sync", file(), redis);

            assertEquals(0, result.code(), result::toString);
            assertEquals(keys(source), keys(target));
            assertArrayEquals(large, target.get("large/blob"));
            assertEquals("item 7", new String(target.get("items/7"), StandardCharsets.UTF_8));
            assertEquals(0, target.get("empty").length);
            assertTrue(result.out().contains("copied items/7 (6 bytes)\n"), "a line per key off a terminal: " + result);
            assertTrue(result.out().contains("synced 52 keys (5.0 MiB) from file:"), result::toString);
        }
    }

    @Test
    void syncCopiesFromAFolderToS3AndFromS3ToRedis() {
        S3TestServers.Server server = S3TestServers.server();
        String bucket = S3TestServers.newBucket("clisync");
        String s3 = server.uri(bucket, "mirror", "partSize=5MiB");
        byte[] large = new byte[11 * 1024 * 1024 + 5];
        new Random(2).nextBytes(large);
        try (KeyValueStore source = KeyValueStores.open(file()); KeyValueStore middle = KeyValueStores.open(s3);
             KeyValueStore target = KeyValueStores.open(redis)) {
            for (int i = 0; i < 20; i++) {
                source.put("docs/" + i, ("doc " + i).getBytes(StandardCharsets.UTF_8));
            }
            source.put("large/blob", large);

            KvRunner.Result toS3 = kv("sync", file(), s3);
            KvRunner.Result toRedis = kv("sync", s3, redis);

            assertEquals(0, toS3.code(), toS3::toString);
            assertEquals(0, toRedis.code(), toRedis::toString);
            assertEquals(keys(source), keys(middle));
            assertEquals(keys(source), keys(target));
            assertArrayEquals(large, middle.get("large/blob"));
            assertArrayEquals(large, target.get("large/blob"));
            if (server.secretKey() != null) {
                assertFalse(toS3.out().contains(server.secretKey()) || toRedis.out().contains(server.secretKey()), toS3::toString);
            }
        } finally {
            S3TestServers.deleteBucket(bucket);
        }
    }

    @Test
    void syncWithPrefixAndDeleteMakesTheDestinationsPrefixEqualToTheSources() {
        try (KeyValueStore source = KeyValueStores.open(redis); KeyValueStore target = KeyValueStores.open(file())) {
            source.put("users/1", "one".getBytes(StandardCharsets.UTF_8));
            source.put("users/2", "two".getBytes(StandardCharsets.UTF_8));
            source.put("other", "not synced".getBytes(StandardCharsets.UTF_8));
            target.put("users/1", "stale".getBytes(StandardCharsets.UTF_8));
            target.put("users/9", "gone from the source".getBytes(StandardCharsets.UTF_8));
            target.put("outside", "kept: not under the prefix".getBytes(StandardCharsets.UTF_8));

            KvRunner.Result result = kv("sync", redis, file(), "--prefix", "users/", "--delete", "--threads", "2");

            assertEquals(0, result.code(), result::toString);
            assertEquals(List.of("outside", "users/1", "users/2"), keys(target));
            assertEquals("one", new String(target.get("users/1"), StandardCharsets.UTF_8));
            assertTrue(result.out().contains("deleted users/9\n"), result::toString);
            assertTrue(result.out().contains("; deleted 1 keys the source does not have"), result::toString);
        }
    }

    private String copy() {
        return "file:" + root.resolve("copy");
    }

    /** Writes a tree of 1,000 small values in 10 folders beside what the source has, and syncs it all to a copy. */
    private KvRunner.Result writeTreeAndSyncIt(KeyValueStore source) {
        for (int i = 0; i < 1000; i++) {
            source.put("tree/" + i % 10 + "/" + i, ("value " + i).getBytes(StandardCharsets.UTF_8));
        }
        KvRunner.Result first = kv("sync", file(), copy());
        assertEquals(0, first.code(), first::toString);
        assertTrue(first.out().contains("synced " + Units.count(keys(source).size()) + " keys"), first::toString);
        return first;
    }

    /** Sets a value file's modification time; keys of lower-case letters and dashes are their own file names. */
    private void setModified(String store, String key, Instant time) throws IOException {
        Files.setLastModifiedTime(root.resolve(store).resolve(key), FileTime.from(time));
    }

    private Instant modified(String store, String key) throws IOException {
        return Files.getLastModifiedTime(root.resolve(store).resolve(key)).toInstant();
    }

    @Test
    void aSecondSyncOfAnUnchangedTreeCopiesNothingAndSaysWhatItSkipped() {
        try (KeyValueStore source = KeyValueStores.open(file())) {
            writeTreeAndSyncIt(source);

            KvRunner.Result second = kv("sync", file(), copy());

            assertEquals(0, second.code(), second::toString);
            assertTrue(second.out().contains("synced 0 keys (0 B)"), second::toString);
            assertTrue(second.out().contains("; skipped 1,000 unchanged keys"), second::toString);
            assertFalse(second.out().contains("copied "), second::toString);
            assertTrue(second.out().contains("skipped tree/7/17 (unchanged: same size, destination not older)\n"), second::toString);
        }
    }

    @Test
    void aValueOfAnotherSizeOrTheSameSizeButNewerIsCopied() throws IOException {
        try (KeyValueStore source = KeyValueStores.open(file()); KeyValueStore target = KeyValueStores.open(copy())) {
            source.put("grown", "four".getBytes(StandardCharsets.UTF_8));
            source.put("newer", "four".getBytes(StandardCharsets.UTF_8));
            writeTreeAndSyncIt(source);
            source.put("grown", "longer".getBytes(StandardCharsets.UTF_8));
            source.put("newer", "FOUR".getBytes(StandardCharsets.UTF_8));
            // Newer by more than a file system's clock tick, whatever the tick.
            setModified("data", "newer", modified("copy", "newer").plusSeconds(2));

            KvRunner.Result second = kv("sync", file(), copy());

            assertEquals(0, second.code(), second::toString);
            assertTrue(second.out().contains("copied grown (6 bytes)\n"), second::toString);
            assertTrue(second.out().contains("copied newer (4 bytes)\n"), second::toString);
            assertTrue(second.out().contains("synced 2 keys (10 B)"), second::toString);
            assertTrue(second.out().contains("; skipped 1,000 unchanged keys"), second::toString);
            assertEquals("longer", new String(target.get("grown"), StandardCharsets.UTF_8));
            assertEquals("FOUR", new String(target.get("newer"), StandardCharsets.UTF_8));
        }
    }

    @Test
    void checksumCopiesASameSizeChangeWhoseTimeIsOlderWhichTheTimeRuleSkips() throws IOException {
        try (KeyValueStore source = KeyValueStores.open(file()); KeyValueStore target = KeyValueStores.open(copy())) {
            source.put("older", "four".getBytes(StandardCharsets.UTF_8));
            writeTreeAndSyncIt(source);
            source.put("older", "FOUR".getBytes(StandardCharsets.UTF_8));
            setModified("data", "older", modified("copy", "older").minusSeconds(3600));

            KvRunner.Result byTime = kv("sync", file(), copy());
            KvRunner.Result byChecksum = kv("sync", "--checksum", file(), copy());

            assertTrue(byTime.out().contains("synced 0 keys"), "the time rule trusts the clock: " + byTime);
            assertEquals(0, byChecksum.code(), byChecksum::toString);
            assertTrue(byChecksum.out().contains("copied older (4 bytes)\n"), byChecksum::toString);
            assertTrue(byChecksum.out().contains("synced 1 keys (4 B)"), byChecksum::toString);
            assertTrue(byChecksum.out().contains("; skipped 1,000 unchanged keys"), byChecksum::toString);
            assertTrue(byChecksum.out().contains("skipped tree/0/0 (unchanged: same size and SHA-256)\n"), byChecksum::toString);
            assertEquals("FOUR", new String(target.get("older"), StandardCharsets.UTF_8));
        }
    }

    @Test
    void onATerminalSyncDrawsAProgressBarOnStandardError() {
        try (KeyValueStore source = KeyValueStores.open(file())) {
            for (int i = 0; i < 20; i++) {
                source.put("k" + i, new byte[100]);
            }

            KvRunner.Result result = new KvRunner().terminal(true).run("sync", file(), redis);

            assertEquals(0, result.code(), result::toString);
            assertTrue(result.stderr().contains("[########################] 100% 20/20 keys"), result::toString);
            assertFalse(result.out().contains("copied "), "no per-key lines on a terminal: " + result);
            assertTrue(result.out().startsWith("synced 20 keys"), result::toString);
        }
    }

    @Test
    void quietSyncPrintsNothing() {
        try (KeyValueStore source = KeyValueStores.open(file())) {
            source.put("k", new byte[] {1});

            KvRunner.Result result = kv("sync", "-q", file(), redis);

            assertEquals(0, result.code(), result::toString);
            assertEquals("", result.out());
            assertEquals("", result.stderr());
        }
    }

    @Test
    void aDestinationThatCannotBeOpenedIsAStoreErrorAndNamesIt() {
        KvRunner.Result result = kv("sync", file(), "redis://127.0.0.1:1/0?timeout=300ms");

        assertEquals(3, result.code(), result::toString);
        assertTrue(result.stderr().startsWith("kv sync: "), result::toString);
        assertTrue(result.stderr().contains("127.0.0.1:1"), result::toString);
    }
}
