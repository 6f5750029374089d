package org.kvcaches.tck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Values the contracts write: deterministic, streamable, checkable without holding them. */
final class TestValues {
    private TestValues() {
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] random(int size, long seed) {
        byte[] value = new byte[size];
        new Random(seed).nextBytes(value);
        return value;
    }

    static byte[] allByteValues() {
        byte[] value = new byte[256];
        for (int i = 0; i < 256; i++) {
            value[i] = (byte) i;
        }
        return value;
    }

    /** A pseudo-random stream of a given length, generated on the fly. */
    static InputStream generated(long length, long seed) {
        return new InputStream() {
            private final Random random = new Random(seed);
            private final byte[] block = new byte[8192];
            private int blockPos = block.length;
            private long remaining = length;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] target, int offset, int len) {
                if (remaining <= 0) {
                    return -1;
                }
                if (len == 0) {
                    return 0;
                }
                if (blockPos == block.length) {
                    random.nextBytes(block);
                    blockPos = 0;
                }
                int n = (int) Math.min(Math.min(len, block.length - blockPos), remaining);
                System.arraycopy(block, blockPos, target, offset, n);
                blockPos += n;
                remaining -= n;
                return n;
            }
        };
    }

    /** SHA-256 of a stream, read to its end (not closed). */
    static String sha256(InputStream in) throws IOException {
        MessageDigest digest = digest();
        byte[] buffer = new byte[65536];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] value) {
        return HexFormat.of().formatHex(digest().digest(value));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** How often concurrency tests repeat: system property {@code kv.tck.repetitions}, default 3. */
    static int repetitions() {
        return Math.max(1, Integer.getInteger("kv.tck.repetitions", 3));
    }
}
