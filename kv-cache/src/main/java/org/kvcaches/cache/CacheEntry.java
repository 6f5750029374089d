package org.kvcaches.cache;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.kvcaches.api.spi.CacheTierReads;

/**
 * The format of what the decorator writes into a cache store, so that a lease marker is never served
 * as a value and a corrupt or foreign entry is a miss: {@code 'k' 'v' 2}, the kind, the expiry (epoch
 * milliseconds, 0 for none), the payload length, a CRC-32C of the payload, then the payload.
 */
final class CacheEntry {
    /** What an entry holds. */
    enum Kind {
        VALUE, LEASE, ABSENT
    }

    static final int HEADER = 2 + 1 + 1 + 8 + 8 + 4;
    /** Version 2 checksums with CRC-32C, which the JDK computes with the processor's instruction; version 1 entries are misses. */
    private static final byte VERSION = 2;
    /** {@code Kind.values()} copies its array on every call, and every hit decodes an entry. */
    private static final Kind[] KINDS = Kind.values();

    final Kind kind;
    final byte[] payload;
    /** When the entry expires, epoch milliseconds, 0 for never. */
    final long expiresAtMillis;

    private CacheEntry(Kind kind, byte[] payload, long expiresAtMillis) {
        this.kind = kind;
        this.payload = payload;
        this.expiresAtMillis = expiresAtMillis;
    }

    /**
     * @param kind what the entry holds
     * @param payload the bytes
     * @param expiresAtMillis when the entry expires, 0 for never
     * @param checksum whether to compute the CRC-32C; entries that never leave this process (a
     *     {@code heap:} tier) skip it and store 0, since nothing can corrupt them on the way
     * @return the encoded entry
     */
    static byte[] encode(Kind kind, byte[] payload, long expiresAtMillis, boolean checksum) {
        int crc = 0;
        if (checksum) {
            CRC32C crc32 = new CRC32C();
            crc32.update(payload);
            crc = (int) crc32.getValue();
        }
        return ByteBuffer.allocate(HEADER + payload.length)
                .put((byte) 'k').put((byte) 'v').put(VERSION).put((byte) kind.ordinal())
                .putLong(expiresAtMillis).putLong(payload.length).putInt(crc)
                .put(payload).array();
    }

    /**
     * @param raw what the cache store returned
     * @param checksum whether the entry came from outside this process: then its CRC-32C (as
     *     {@link #encode} computed it) and its expiry are checked; an in-process store checks
     *     neither, since nothing corrupts its entries and it expires them itself (which spares a hit
     *     the clock read)
     * @return the entry, with its payload copied out of {@code raw}, or {@code null} when it is
     *     corrupt, foreign or expired
     */
    static CacheEntry decode(byte[] raw, boolean checksum) {
        return decode(raw, raw, HEADER, raw.length - HEADER, checksum);
    }

    /**
     * @param parts what the cache store returned, read with a head of {@link #HEADER} bytes
     * @param checksum as for {@link #decode(byte[], boolean)}
     * @return the entry, whose payload is {@code parts.rest()} itself (no copy), or {@code null} when
     *     it is corrupt, foreign or expired
     */
    static CacheEntry decode(CacheTierReads.Parts parts, boolean checksum) {
        return parts.head().length != HEADER ? null : decode(parts.head(), parts.rest(), 0, parts.rest().length, checksum);
    }

    /** Checks the header in {@code head}'s first bytes against the payload at {@code body[offset, offset + length)}. */
    private static CacheEntry decode(byte[] head, byte[] body, int offset, int length, boolean checksum) {
        if (head.length < HEADER || head[0] != 'k' || head[1] != 'v' || head[2] != VERSION || head[3] < 0 || head[3] >= KINDS.length) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(head, 4, HEADER - 4);
        long expiresAt = buffer.getLong();
        long storedLength = buffer.getLong();
        int stored = buffer.getInt();
        if (storedLength != length || (checksum && expiresAt != 0 && System.currentTimeMillis() >= expiresAt)) {
            return null;
        }
        if (checksum) {
            CRC32C crc = new CRC32C();
            crc.update(body, offset, length);
            if ((int) crc.getValue() != stored) {
                return null;
            }
        }
        byte[] payload = body == head ? Arrays.copyOfRange(body, offset, offset + length) : body;
        return new CacheEntry(KINDS[head[3]], payload, expiresAt);
    }
}
