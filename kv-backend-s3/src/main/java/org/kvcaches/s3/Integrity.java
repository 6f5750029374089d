package org.kvcaches.s3;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Checks that what an S3 server stored, or sent back, is what was meant. A put sends a digest of the
 * value with it — a CRC32 checksum header where the client sends the SDK's checksums (cheap, and the
 * server rejects a body that does not match it), a {@code Content-MD5} header otherwise — and then
 * compares the server's answer with it: the CRC32 the server echoes, or else the ETag, which for a
 * single-part object without KMS encryption is the MD5 of the bytes the server stored.
 *
 * <p>The last check is what catches a server that does not decode the SDK's {@code aws-chunked}
 * uploads: it stores the chunk framing as the value, so its ETag is the MD5 of the framing.
 */
final class Integrity {
    /** A digest not taken: verification is off. */
    static final Sent NOTHING = new Sent(null, null);

    /** {@code "<32 hex digits>"}, the ETag S3 gives a single-part object: the MD5 of its bytes. */
    private static final Pattern MD5_ETAG = Pattern.compile("\"?[0-9a-fA-F]{32}\"?");
    /** {@code "<32 hex digits>-<parts>"}, the ETag of a multipart object: the MD5 of its parts' MD5s. */
    private static final Pattern MULTIPART_ETAG = Pattern.compile("\"?[0-9a-fA-F]{32}-[0-9]+\"?");

    private final boolean verify;
    private final boolean checksumHeaders;

    /**
     * @param verify whether to check at all
     * @param checksumHeaders whether the client sends and validates the SDK's checksum headers
     *     ({@code checksums=whenSupported}); without them digests go as {@code Content-MD5}
     */
    Integrity(boolean verify, boolean checksumHeaders) {
        this.verify = verify;
        this.checksumHeaders = checksumHeaders;
    }

    /**
     * What went along with the bytes of one put.
     *
     * @param crc32 the base64 CRC32 sent as {@code x-amz-checksum-crc32}, or {@code null}
     * @param md5 the MD5 sent as {@code Content-MD5}, or {@code null}
     */
    record Sent(String crc32, byte[] md5) {
        /** @return the {@code Content-MD5} header, or {@code null} */
        String contentMd5() {
            return md5 == null ? null : Base64.getEncoder().encodeToString(md5);
        }
    }

    /** @return whether reads ask the server for its checksums, which the SDK then validates */
    boolean requestChecksums() {
        return verify && checksumHeaders;
    }

    /**
     * @param buffer the value
     * @param length its length
     * @return the digest to send with it
     */
    Sent digest(byte[] buffer, int length) {
        if (!verify) {
            return NOTHING;
        }
        if (checksumHeaders) {
            CRC32 crc = new CRC32();
            crc.update(buffer, 0, length);
            return new Sent(Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array()), null);
        }
        return new Sent(null, md5(buffer, length));
    }

    /**
     * Compares a put's answer with what was sent.
     *
     * @param sent the digest sent with the bytes
     * @param buffer the bytes sent
     * @param length how many
     * @param etag the ETag the server answered
     * @param crc32 the CRC32 the server answered, or {@code null}
     * @param encryption the server-side encryption the server answered, or {@code null}
     * @return {@code null} when the answer matches or cannot be checked (a KMS-encrypted object's ETag is
     *     no MD5); otherwise what differs
     */
    String putMismatch(Sent sent, byte[] buffer, int length, String etag, String crc32, ServerSideEncryption encryption) {
        if (!verify) {
            return null;
        }
        if (sent.crc32() != null && crc32 != null) {
            return sent.crc32().equals(crc32) ? null
                    : "the server's CRC32 " + crc32 + " is not the CRC32 " + sent.crc32() + " of the " + length + " bytes sent";
        }
        if (!isMd5(etag, encryption)) {
            return null;
        }
        String expected = HexFormat.of().formatHex(sent.md5() != null ? sent.md5() : md5(buffer, length));
        String stored = unquote(etag).toLowerCase(Locale.ROOT);
        return expected.equals(stored) ? null
                : "its ETag " + stored + " is not the MD5 " + expected + " of the " + length + " bytes sent";
    }

    /**
     * Checks a completed multipart upload's ETag against the ETags of its parts, each already checked.
     *
     * @param etag the ETag of the completed object
     * @param partEtags the parts' ETags in order
     * @return {@code null} when it matches or cannot be checked, otherwise what differs
     */
    String multipartMismatch(String etag, List<String> partEtags) {
        if (!verify || etag == null || !MULTIPART_ETAG.matcher(etag).matches()
                || !partEtags.stream().allMatch(part -> part != null && MD5_ETAG.matcher(part).matches())) {
            return null;
        }
        MessageDigest md5 = md5();
        partEtags.forEach(part -> md5.update(HexFormat.of().parseHex(unquote(part))));
        String expected = HexFormat.of().formatHex(md5.digest()) + "-" + partEtags.size();
        String stored = unquote(etag).toLowerCase(Locale.ROOT);
        return expected.equals(stored) ? null : "its ETag " + stored + " is not " + expected + ", the MD5 of the ETags of the "
                + partEtags.size() + " parts sent";
    }

    /**
     * Decides how a whole-object read is checked.
     *
     * @param response the GET's answer
     * @return the MD5 (lower-case hex) the body must have, or {@code null} when the SDK validates a checksum
     *     the server sent, or when nothing can be checked (a multipart or KMS-encrypted object's ETag is no MD5)
     */
    String readMd5(GetObjectResponse response) {
        if (!verify || requestChecksums() && (whole(response.checksumCRC32()) || whole(response.checksumCRC32C())
                || whole(response.checksumSHA1()) || whole(response.checksumSHA256()))) {
            return null;
        }
        return isMd5(response.eTag(), response.serverSideEncryption()) ? unquote(response.eTag()).toLowerCase(Locale.ROOT) : null;
    }

    /** A full-object checksum, which the SDK validates; a composite one ({@code ...-N}) it does not. */
    private static boolean whole(String checksum) {
        return checksum != null && !checksum.contains("-");
    }

    private static boolean isMd5(String etag, ServerSideEncryption encryption) {
        return etag != null && MD5_ETAG.matcher(etag).matches()
                && encryption != ServerSideEncryption.AWS_KMS && encryption != ServerSideEncryption.AWS_KMS_DSSE;
    }

    private static String unquote(String etag) {
        return etag.replace("\"", "");
    }

    private static byte[] md5(byte[] buffer, int length) {
        MessageDigest md5 = md5();
        md5.update(buffer, 0, length);
        return md5.digest();
    }

    /** @return a new MD5 digest, which every Java platform has */
    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java platform has no MD5, which every platform must have", e);
        }
    }
}
