package org.kvcaches.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.KvException;
import org.kvcaches.testservers.S3TestServers;
import org.kvcaches.testservers.S3rverServer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * What the server stored is what was put, and what a read returns is what the server stored. The
 * failure this guards against is real: s3rver 3.7.1 does not decode the AWS SDK's {@code aws-chunked}
 * uploads and stores their framing ({@code 2000;chunk-signature=...}) as the object's bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3IntegrityTest {
    /** s3rver has no conditional writes; see the README's compatibility table. */
    private static final String S3RVER_DEFAULTS = "conditionalWrites=false";

    private final S3TestServers.Server s3rver = S3rverServer.server();
    private String bucket;

    @BeforeAll
    void createBucket() {
        bucket = s3rver.newBucket("integrity");
    }

    @AfterAll
    void deleteBucket() {
        s3rver.deleteBucket(bucket);
    }

    private KeyValueStore s3rverStore(String prefix, String options) {
        return KeyValueStores.open(s3rver.uri(bucket, prefix, S3RVER_DEFAULTS + (options.isEmpty() ? "" : "&" + options)));
    }

    private static byte[] random(int size) {
        byte[] value = new byte[size];
        new Random(size).nextBytes(value);
        return value;
    }

    private boolean exists(String object) {
        try (S3Client client = s3rver.client()) {
            client.headObject(b -> b.bucket(bucket).key(object));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Test
    void withoutVerificationAServerThatStoresTheChunkFramingCorruptsEveryValueSilently() {
        byte[] value = random(1024);
        try (KeyValueStore store = s3rverStore("silent", "verify=false")) {
            store.put("k", value);
            byte[] read = store.get("k");
            assertFalse(java.util.Arrays.equals(value, read), "s3rver now decodes aws-chunked; this test's premise is gone");
            assertTrue(new String(read, StandardCharsets.ISO_8859_1).startsWith("400;chunk-signature="),
                    new String(read, 0, 40, StandardCharsets.ISO_8859_1));
            store.delete("k");
        }
    }

    @Test
    void aPutThatTheServerStoredAsChunkFramingFailsNamingTheCauseAndTheOption() {
        try (KeyValueStore store = s3rverStore("framed", "")) {
            KvException e = assertThrows(KvException.class, () -> store.put("k", random(1024)));
            assertTrue(e.getMessage().contains("stored different bytes than were sent"), e.getMessage());
            assertTrue(e.getMessage().contains("aws-chunked") && e.getMessage().contains("?chunkedEncoding=false"), e.getMessage());
            assertTrue(e.getMessage().contains("The wrong object was deleted"), e.getMessage());
            assertFalse(exists("framed/k"), "the wrongly stored object must not stay readable");
            assertThrows(KeyNotFoundException.class, () -> store.get("k"));
        }
    }

    @Test
    void aStreamedValueWhosePartsTheServerStoredWronglyIsAbortedAndLeavesNoObject() {
        try (KeyValueStore store = s3rverStore("framedparts", "partSize=5MiB")) {
            InputStream twelveMiB = S3StreamingTest.generated(12L << 20, 7, Long.MAX_VALUE);
            KvException e = assertThrows(KvException.class, () -> store.put("big", twelveMiB));
            assertTrue(e.getMessage().contains("stored part 1 wrongly") && e.getMessage().contains("?chunkedEncoding=false"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("the upload was aborted"), e.getMessage());
            assertFalse(exists("framedparts/big"));
        }
    }

    @Test
    void withChunkedEncodingOffTheSameServerStoresExactlyTheBytesSent() throws IOException {
        byte[] small = random(1024);
        byte[] large = random((12 << 20) + 5);
        try (KeyValueStore store = s3rverStore("plain", "chunkedEncoding=false&partSize=5MiB");
             S3Client raw = s3rver.client()) {
            store.put("small", small);
            store.put("large", new ByteArrayInputStream(large));
            assertArrayEquals(small, store.get("small"));
            try (InputStream in = store.open("large")) {
                assertArrayEquals(large, in.readAllBytes());
            }
            assertArrayEquals(small, raw.getObjectAsBytes(b -> b.bucket(bucket).key("plain/small")).asByteArrayUnsafe(),
                    "the server itself holds the value, not only our reading of it");
            store.deleteAll(java.util.List.of("small", "large"));
        }
    }

    @Test
    void aWholeReadOfAnObjectDamagedInStorageFailsInsteadOfReturningIt() throws IOException {
        Path directory = s3rverFiles();
        byte[] value = random(4096);
        try (KeyValueStore store = s3rverStore("damaged", "chunkedEncoding=false")) {
            store.put("k", value);
            Path file = directory.resolve(bucket).resolve("damaged").resolve("k._S3rver_object");
            byte[] stored = Files.readAllBytes(file);
            stored[100] ^= 1;
            Files.write(file, stored);

            KvException get = assertThrows(KvException.class, () -> store.get("k"));
            assertTrue(get.getMessage().contains("damaged in storage or in transit"), get.getMessage());
            try (InputStream in = store.open("k")) {
                IOException read = assertThrows(IOException.class, in::readAllBytes);
                assertTrue(read.getMessage().contains("damaged in storage or in transit"), read.getMessage());
            }
            try (InputStream in = store.open("k")) {
                assertThrows(IOException.class, () -> in.readNBytes(value.length),
                        "reading exactly the object's length also checks it, without waiting for the end of the stream");
            }
            store.delete("k");
        }
    }

    private Path s3rverFiles() {
        try {
            return S3rverServer.directory();
        } catch (IllegalStateException e) {
            Assumptions.abort("needs the s3rver that the tests start, to damage an object's file: " + e.getMessage());
            throw e;
        }
    }

    @Test
    void putsSendACrc32ThatTheServerChecksAndKeeps() {
        S3TestServers.Server server = S3TestServers.server();
        String own = server.newBucket("crc");
        byte[] value = random(1024);
        try (KeyValueStore store = KeyValueStores.open(server.uri(own, "", ""));
             S3Client raw = server.client()) {
            store.put("k", value);
            CRC32 crc = new CRC32();
            crc.update(value);
            String expected = Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
            assertEquals(expected, raw.headObject(b -> b.bucket(own).key("k").checksumMode(ChecksumMode.ENABLED)).checksumCRC32());
        } finally {
            server.deleteBucket(own);
        }
    }
}
