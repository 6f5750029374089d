package org.kvcaches.cache;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The format of what the decorator writes into a cache store, so that a lease marker is never served
 * as a value and a corrupt or foreign entry is a miss: {@code 'k' 'v' 1}, the kind, the expiry (epoch
 * milliseconds, 0 for none), the payload length, a CRC-32 of the payload, then the payload.
 */
final class CacheEntry {
    /** What an entry holds. */
    enum Kind {
        VALUE, LEASE, ABSENT
    }

    static final int HEADER = 2 + 1 + 1 + 8 + 8 + 4;

    final Kind kind;
    final byte[] payload;

    private CacheEntry(Kind kind, byte[] payload) {
        this.kind = kind;
        this.payload = payload;
    }

    static byte[] encode(Kind kind, byte[] payload, long expiresAtMillis) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        return ByteBuffer.allocate(HEADER + payload.length)
                .put((byte) 'k').put((byte) 'v').put((byte) 1).put((byte) kind.ordinal())
                .putLong(expiresAtMillis).putLong(payload.length).putInt((int) crc.getValue())
                .put(payload).array();
    }

    /**
     * @param raw what the cache store returned
     * @param nowMillis the current time
     * @return the entry, or {@code null} when it is corrupt, foreign or expired
     */
    static CacheEntry decode(byte[] raw, long nowMillis) {
        if (raw.length < HEADER || raw[0] != 'k' || raw[1] != 'v' || raw[2] != 1 || raw[3] < 0 || raw[3] >= Kind.values().length) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(raw, 4, raw.length - 4);
        long expiresAt = buffer.getLong();
        long length = buffer.getLong();
        int checksum = buffer.getInt();
        if (length != raw.length - HEADER || (expiresAt != 0 && nowMillis >= expiresAt)) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(raw, HEADER, raw.length - HEADER);
        if ((int) crc.getValue() != checksum) {
            return null;
        }
        byte[] payload = new byte[raw.length - HEADER];
        System.arraycopy(raw, HEADER, payload, 0, payload.length);
        return new CacheEntry(Kind.values()[raw[3]], payload);
    }
}
