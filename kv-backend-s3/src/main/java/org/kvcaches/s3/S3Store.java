package org.kvcaches.s3;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.Keys;
import org.kvcaches.api.KvException;
import org.kvcaches.api.ListedValue;
import org.kvcaches.api.ValueInfo;
import org.kvcaches.api.spi.AbstractKeyValueStore;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A store in one bucket under a key prefix. Each value is one object named {@code prefix + key};
 * listings are ListObjectsV2 with the prefix (and the delimiter, for {@code prefixes}) done by the
 * server, and object names under the prefix that are not valid keys (such as the folder markers that
 * consoles create) are left out of them.
 */
final class S3Store extends AbstractKeyValueStore {
    /** S3's limit of keys per DeleteObjects request. */
    private static final int DELETE_BATCH = 1000;
    /** What to tell a user whose server stored something else than was sent. */
    private static final String LIKELY_CAUSE = "The likely cause is a server that does not decode the AWS SDK's aws-chunked"
            + " uploads (chunk signatures and trailing checksums) and stores that framing as the value: open the store with"
            + " ?chunkedEncoding=false (with S3StoreBuilder, give the S3Client S3Configuration.chunkedEncodingEnabled(false)),"
            + " and with ?checksums=whenRequired too if the server also rejects checksum headers.";
    /** How often a conditional write is retried after S3's 409 "a conflicting conditional operation is in progress". */
    private static final int CONFLICT_RETRIES = 5;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final boolean closePresigner;
    private final boolean closeClient;
    private final String bucket;
    private final String prefix;
    private final S3Settings settings;
    private final S3Failures failures;
    private final ExecutorService partUploads;
    private final StreamingUpload streaming;
    private final Integrity integrity;
    private final Set<Capability> capabilities;

    S3Store(String description, S3Client s3, S3Presigner presigner, boolean closePresigner, boolean closeClient, String bucket, String prefix,
            S3Settings settings, S3Failures failures) {
        super(description);
        this.s3 = s3;
        this.presigner = presigner;
        this.closePresigner = closePresigner;
        this.closeClient = closeClient;
        this.bucket = bucket;
        this.prefix = prefix;
        this.settings = settings;
        this.failures = failures;
        this.partUploads = Executors.newCachedThreadPool(daemonThreads(bucket));
        this.streaming = new StreamingUpload(settings, partUploads);
        // The client's own setting says whether the server takes checksum headers (checksums=whenRequired: not).
        this.integrity = new Integrity(settings.verify(),
                s3.serviceClientConfiguration().requestChecksumCalculation() != RequestChecksumCalculation.WHEN_REQUIRED);
        EnumSet<Capability> caps = EnumSet.of(Capability.SERVER_SIDE_COPY, Capability.URL, Capability.HIERARCHY,
                Capability.LAST_MODIFIED, Capability.VERSION);
        if (settings.conditionalWrites()) {
            caps.add(Capability.PUT_IF_ABSENT);
            caps.add(Capability.COMPARE_AND_SET);
        }
        this.capabilities = Set.copyOf(caps);
    }

    private static ThreadFactory daemonThreads(String bucket) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "kv-s3-" + bucket + "-part-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    private String object(String key) {
        return prefix + key;
    }

    // ---- reads --------------------------------------------------------------------------------

    @Override
    protected InputStream doOpen(String key) {
        return openRange(key, null);
    }

    @Override
    protected InputStream doOpen(String key, long offset, long length) {
        if (length == 0) {
            doSize(key);
            return InputStream.nullInputStream();
        }
        long last = offset + length - 1;
        String range = "bytes=" + offset + "-" + (last < offset ? "" : Long.toString(last));
        try {
            return openRange(key, range);
        } catch (KvException e) {
            if (e.getCause() instanceof SdkException sdk && S3Failures.hasStatus(sdk, 416)) {
                return InputStream.nullInputStream();
            }
            throw e;
        }
    }

    private InputStream openRange(String key, String range) {
        // A range has no checksum of its own and its ETag is the whole object's: only whole reads are checked.
        ChecksumMode mode = range == null && integrity.requestChecksums() ? ChecksumMode.ENABLED : null;
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(object(key)).range(range)
                    .checksumMode(mode));
            return new ReleasingInputStream(in, range == null ? integrity.readMd5(in.response()) : null, key);
        } catch (NoSuchKeyException e) {
            throw new KeyNotFoundException(key);
        } catch (SdkException e) {
            throw failures.of("read key '" + key + "'", e);
        }
    }

    @Override
    protected byte[] doGet(String key) {
        return getWhole(key, "read key '" + key + "'").asByteArrayUnsafe();
    }

    /**
     * Reads a whole object and checks it: the SDK validates the checksum the server sends, if any;
     * otherwise the MD5 of the bytes is compared with an ETag that is one.
     */
    private ResponseBytes<GetObjectResponse> getWhole(String key, String action) {
        ChecksumMode mode = integrity.requestChecksums() ? ChecksumMode.ENABLED : null;
        ResponseBytes<GetObjectResponse> bytes;
        try {
            bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(object(key)).checksumMode(mode));
        } catch (NoSuchKeyException e) {
            throw new KeyNotFoundException(key);
        } catch (SdkException e) {
            throw failures.of(action, e);
        }
        String md5 = integrity.readMd5(bytes.response());
        if (md5 != null) {
            byte[] value = bytes.asByteArrayUnsafe();
            String received = HexFormat.of().formatHex(Integrity.md5().digest(value));
            if (!received.equals(md5)) {
                throw new KvException("cannot " + action + " in " + this + ": " + receivedWrongBytes(value.length, received, md5));
            }
        }
        return bytes;
    }

    private static String receivedWrongBytes(long length, String received, String etag) {
        return "the " + length + " bytes received have the MD5 " + received + ", but the object's ETag says " + etag
                + ": the object was damaged in storage or in transit; read it again, and if that fails too the stored object"
                + " is damaged. (A server whose ETags are not the MD5 of a single-part object's bytes needs ?verify=false.)";
    }

    @Override
    protected long doSize(String key) {
        try {
            return s3.headObject(b -> b.bucket(bucket).key(object(key))).contentLength();
        } catch (NoSuchKeyException e) {
            throw new KeyNotFoundException(key);
        } catch (SdkException e) {
            if (S3Failures.hasStatus(e, 404)) {
                throw new KeyNotFoundException(key);
            }
            throw failures.of("read the size of key '" + key + "'", e);
        }
    }

    /** HeadObject: the size, last-modified time and ETag in one request. */
    @Override
    protected Optional<ValueInfo> doStat(String key) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(object(key)));
            return Optional.of(info(head.contentLength(), head.lastModified(), head.eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            if (S3Failures.hasStatus(e, 404)) {
                return Optional.empty();
            }
            throw failures.of("read the metadata of key '" + key + "'", e);
        }
    }

    /**
     * The metadata as S3 gives it in HeadObject and in listings alike: the time cut to whole seconds
     * (HeadObject's HTTP date has no more, while listings give milliseconds) and the ETag without its
     * quotes. The ETag, not a version id, is the version, because listings carry only the ETag.
     */
    private static ValueInfo info(Long size, Instant lastModified, String etag) {
        String version = etag == null ? "" : etag.replace("\"", "");
        return ValueInfo.of(size == null ? 0 : size, lastModified == null ? null : lastModified.truncatedTo(ChronoUnit.SECONDS),
                version.isEmpty() ? null : version);
    }

    @Override
    protected boolean doContains(String key) {
        try {
            doSize(key);
            return true;
        } catch (KeyNotFoundException e) {
            return false;
        }
    }

    // ---- writes -------------------------------------------------------------------------------

    @Override
    protected void doPut(String key, byte[] value, Duration ttl) {
        putObject(key, value, value.length, null, null);
    }

    @Override
    protected void doPut(String key, InputStream data, Duration ttl) {
        String object = object(key);
        streaming.run(data, new StreamingUpload.Target() {
            @Override
            public void putWhole(byte[] buffer, int length) {
                putObject(key, buffer, length, null, null);
            }

            @Override
            public String createMultipart() {
                CreateMultipartUploadRequest.Builder request = CreateMultipartUploadRequest.builder().bucket(bucket).key(object)
                        .storageClass(settings.storageClass()).serverSideEncryption(settings.encryption())
                        .ssekmsKeyId(settings.kmsKeyId());
                return s3.createMultipartUpload(request.build()).uploadId();
            }

            @Override
            public CompletedPart uploadPart(String uploadId, int partNumber, byte[] buffer, int length) {
                Integrity.Sent sent = integrity.digest(buffer, length);
                UploadPartResponse response = s3.uploadPart(b -> b.bucket(bucket).key(object).uploadId(uploadId)
                        .partNumber(partNumber).checksumCRC32(sent.crc32()).contentMD5(sent.contentMd5()), body(buffer, length));
                String mismatch = integrity.putMismatch(sent, buffer, length, response.eTag(), response.checksumCRC32(),
                        response.serverSideEncryption());
                if (mismatch != null) {
                    throw new KvException("cannot write key '" + key + "' to " + S3Store.this + ": the server stored part "
                            + partNumber + " wrongly (" + mismatch + "). " + LIKELY_CAUSE
                            + " Nothing was stored: the upload was aborted and the old value kept.");
                }
                return CompletedPart.builder().partNumber(partNumber).eTag(response.eTag()).build();
            }

            @Override
            public String complete(String uploadId, List<CompletedPart> parts) {
                return s3.completeMultipartUpload(b -> b.bucket(bucket).key(object).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts))).eTag();
            }

            @Override
            public void verifyCompleted(String etag, List<CompletedPart> parts) {
                String mismatch = integrity.multipartMismatch(etag, parts.stream().map(CompletedPart::eTag).toList());
                if (mismatch != null) {
                    throw storedWrongBytes(key, mismatch, etag);
                }
            }

            @Override
            public void abort(String uploadId) {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(object).uploadId(uploadId));
            }

            @Override
            public KvException failure(String action, SdkException e) {
                return failures.of(action + " of key '" + key + "'", e);
            }

            @Override
            public KvException readFailure(IOException e) {
                return new KvException("cannot write key '" + key + "' to " + S3Store.this + ": reading the value failed ("
                        + e.getMessage() + "); nothing was stored and the old value is kept", e);
            }
        });
    }

    /**
     * One PutObject, optionally conditional, then the check that the server stored what was sent; the
     * buffer is sent as is, without a copy.
     */
    private void putObject(String key, byte[] buffer, int length, String ifNoneMatch, String ifMatch) {
        Integrity.Sent sent = integrity.digest(buffer, length);
        PutObjectRequest request = PutObjectRequest.builder().bucket(bucket).key(object(key)).contentLength((long) length)
                .storageClass(settings.storageClass()).serverSideEncryption(settings.encryption())
                .ssekmsKeyId(settings.kmsKeyId()).ifNoneMatch(ifNoneMatch).ifMatch(ifMatch)
                .checksumCRC32(sent.crc32()).contentMD5(sent.contentMd5()).build();
        PutObjectResponse response;
        try {
            response = s3.putObject(request, body(buffer, length));
        } catch (SdkException e) {
            if (ifNoneMatch != null || ifMatch != null) {
                throw e;
            }
            throw failures.of("write key '" + key + "'", e);
        }
        String mismatch = integrity.putMismatch(sent, buffer, length, response.eTag(), response.checksumCRC32(),
                response.serverSideEncryption());
        if (mismatch != null) {
            throw storedWrongBytes(key, mismatch, response.eTag());
        }
    }

    private static RequestBody body(byte[] buffer, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length, "application/octet-stream");
    }

    /** What a put that the server stored wrongly says, after removing the wrong object where that is safe. */
    private KvException storedWrongBytes(String key, String mismatch, String etag) {
        return new KvException("cannot write key '" + key + "' to " + this + ": the server stored different bytes than were sent ("
                + mismatch + "). " + LIKELY_CAUSE + " " + removeIfOurs(key, etag));
    }

    /**
     * Deletes the wrong object a put left, but only while it is still the one that put wrote (same ETag),
     * so that a value another writer stored since is kept. With conditional writes the server checks
     * that ({@code If-Match} on DELETE); without, a HEAD does, and a write landing between the HEAD and
     * the DELETE would be lost.
     *
     * @return what became of the object, for the message
     */
    private String removeIfOurs(String key, String etag) {
        String replaced = "Another write has replaced the object since, so it was left in place.";
        if (etag == null) {
            return "The server gave no ETag to delete the wrong object by, so it is still there: delete key '" + key + "'.";
        }
        try {
            if (!settings.conditionalWrites()) {
                if (!etag.equals(s3.headObject(b -> b.bucket(bucket).key(object(key))).eTag())) {
                    return replaced;
                }
            }
            s3.deleteObject(b -> b.bucket(bucket).key(object(key)).ifMatch(settings.conditionalWrites() ? etag : null));
            return "The wrong object was deleted: the key is now absent (an old value it had was overwritten by the put).";
        } catch (SdkException e) {
            if (S3Failures.hasStatus(e, 412)) {
                return replaced;
            }
            if (e instanceof NoSuchKeyException || S3Failures.hasStatus(e, 404)) {
                return "The wrong object is gone already.";
            }
            return "Deleting the wrong object failed (" + failures.of("delete key '" + key + "'", e).getMessage()
                    + "), so it is still there: delete key '" + key + "'.";
        }
    }

    @Override
    protected boolean doPutIfAbsent(String key, byte[] value, Duration ttl) {
        for (int attempt = 0; ; attempt++) {
            try {
                putObject(key, value, value.length, "*", null);
                return true;
            } catch (SdkException e) {
                if (S3Failures.hasStatus(e, 412)) {
                    return false;
                }
                if (!S3Failures.hasStatus(e, 409) || attempt == CONFLICT_RETRIES) {
                    throw failures.of("write key '" + key + "' if absent", e);
                }
            }
        }
    }

    @Override
    protected boolean doCompareAndSet(String key, byte[] expected, byte[] replacement, Duration ttl) {
        for (int attempt = 0; ; attempt++) {
            ResponseBytes<GetObjectResponse> current;
            try {
                current = getWhole(key, "read key '" + key + "' for compare-and-set");
            } catch (KeyNotFoundException e) {
                return false;
            }
            if (!Arrays.equals(current.asByteArrayUnsafe(), expected)) {
                return false;
            }
            try {
                putObject(key, replacement, replacement.length, null, current.response().eTag());
                return true;
            } catch (SdkException e) {
                // 412: replaced since we read it (maybe by an equal value, so read again); 404: deleted;
                // 409: another conditional write was in progress.
                if (S3Failures.hasStatus(e, 404)) {
                    return false;
                }
                if (!(S3Failures.hasStatus(e, 412) || S3Failures.hasStatus(e, 409)) || attempt == CONFLICT_RETRIES * 4) {
                    throw failures.of("compare-and-set key '" + key + "'", e);
                }
            }
        }
    }

    @Override
    protected void doDelete(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(object(key)));
        } catch (SdkException e) {
            throw failures.of("delete key '" + key + "'", e);
        }
    }

    @Override
    protected void doDeleteAll(List<String> keys) {
        List<String> failed = new ArrayList<>();
        int failedCount = 0;
        for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH)).stream()
                    .map(k -> ObjectIdentifier.builder().key(object(k)).build()).toList();
            DeleteObjectsResponse response;
            try {
                response = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
            } catch (SdkException e) {
                throw failures.of("delete " + batch.size() + " keys" + (from > 0 ? " (after deleting " + from + ")" : ""), e);
            }
            for (S3Error error : response.errors()) {
                failedCount++;
                if (failed.size() < 10) {
                    failed.add("'" + error.key().substring(prefix.length()) + "' (" + error.code() + ": " + error.message() + ")");
                }
            }
        }
        if (failedCount > 0) {
            throw new KvException("cannot delete " + failedCount + " of " + keys.size() + " keys in " + this + ": "
                    + String.join(", ", failed) + (failedCount > failed.size() ? ", ..." : ""));
        }
    }

    @Override
    protected void doCopy(String from, String to) {
        long size = doSize(from);
        if (size > settings.multipartCopyThreshold()) {
            copyInParts(from, to, size);
            return;
        }
        CopyObjectRequest request = CopyObjectRequest.builder().sourceBucket(bucket).sourceKey(object(from))
                .destinationBucket(bucket).destinationKey(object(to)).storageClass(settings.storageClass())
                .serverSideEncryption(settings.encryption()).ssekmsKeyId(settings.kmsKeyId()).build();
        try {
            s3.copyObject(request);
        } catch (NoSuchKeyException e) {
            throw new KeyNotFoundException(from);
        } catch (SdkException e) {
            throw failures.of("copy key '" + from + "' to '" + to + "'", e);
        }
    }

    /** Multipart copy: S3 copies objects above 5 GiB only range by range. */
    private void copyInParts(String from, String to, long size) {
        long partSize = Math.max(settings.partSize(), (size + 9_999) / 10_000);
        CreateMultipartUploadRequest create = CreateMultipartUploadRequest.builder().bucket(bucket).key(object(to))
                .storageClass(settings.storageClass()).serverSideEncryption(settings.encryption())
                .ssekmsKeyId(settings.kmsKeyId()).build();
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(create).uploadId();
        } catch (SdkException e) {
            throw failures.of("start copying key '" + from + "' to '" + to + "'", e);
        }
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long offset = 0; offset < size; offset += partSize) {
                int number = parts.size() + 1;
                String range = "bytes=" + offset + "-" + (Math.min(size, offset + partSize) - 1);
                String etag = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(object(from)).copySourceRange(range)
                        .destinationBucket(bucket).destinationKey(object(to)).uploadId(uploadId).partNumber(number))
                        .copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(object(to)).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        } catch (SdkException e) {
            KvException failure = failures.of("copy key '" + from + "' to '" + to + "' in parts", e);
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(object(to)).uploadId(uploadId));
            } catch (SdkException abortFailure) {
                failure.addSuppressed(abortFailure);
            }
            throw failure;
        }
    }

    // ---- listing ------------------------------------------------------------------------------

    @Override
    protected Stream<String> doKeys(String keyPrefix) {
        return pages(keyPrefix, null).flatMap(page -> page.contents().stream().map(S3Object::key))
                .map(name -> name.substring(prefix.length()))
                .filter(Keys::isValid);
    }

    /** The listing's own size, LastModified and ETag of each object: no request per key. */
    @Override
    protected Stream<ListedValue> doList(String keyPrefix) {
        return pages(keyPrefix, null).flatMap(page -> page.contents().stream())
                .map(o -> new ListedValue(o.key().substring(prefix.length()), info(o.size(), o.lastModified(), o.eTag())))
                .filter(listed -> Keys.isValid(listed.key()));
    }

    @Override
    protected Stream<String> doPrefixes(String keyPrefix, String delimiter) {
        return pages(keyPrefix, delimiter).flatMap(page -> Stream.concat(
                        page.contents().stream().map(S3Object::key),
                        page.commonPrefixes().stream().map(CommonPrefix::prefix)))
                .map(name -> name.substring(prefix.length()))
                .filter(name -> Keys.isValid(name) || name.endsWith(delimiter) && Keys.isValid(name.substring(0, name.length() - delimiter.length())));
    }

    /** Lazily fetched pages: the next request is sent only when the stream reaches it. */
    private Stream<ListObjectsV2Response> pages(String keyPrefix, String delimiter) {
        return Stream.iterate(list(keyPrefix, delimiter, null), Objects::nonNull,
                page -> Boolean.TRUE.equals(page.isTruncated()) ? list(keyPrefix, delimiter, page.nextContinuationToken()) : null);
    }

    private ListObjectsV2Response list(String keyPrefix, String delimiter, String token) {
        try {
            return s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix + keyPrefix).delimiter(delimiter)
                    .maxKeys(settings.pageSize()).continuationToken(token));
        } catch (SdkException e) {
            throw failures.of("list keys starting with '" + keyPrefix + "'", e);
        }
    }

    // ---- other --------------------------------------------------------------------------------

    @Override
    protected URI doUrl(String key) {
        try {
            return presigner.presignGetObject(p -> p.signatureDuration(settings.urlExpiry())
                    .getObjectRequest(g -> g.bucket(bucket).key(object(key)))).url().toURI();
        } catch (URISyntaxException e) {
            throw new KvException("cannot presign a URL for key '" + key + "' in " + this + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected void doClose() {
        partUploads.shutdownNow();
        if (closePresigner) {
            presigner.close();
        }
        if (closeClient) {
            s3.close();
        }
    }

    /**
     * Gives the connection back on every path: at the end of the object it is reused; when the caller
     * closes early the request is aborted, because draining the rest of a large object would cost
     * more than a new connection.
     *
     * <p>It also checks a whole object when its last byte arrives: the read that delivers it reads on
     * to the end of the response, where the SDK validates the checksum the server sent, and compares
     * the MD5 of what was read with an ETag that is one. A mismatch throws an {@link IOException} from
     * that read instead of returning, so a damaged value never passes as whole.
     */
    private final class ReleasingInputStream extends FilterInputStream {
        private final ResponseInputStream<GetObjectResponse> response;
        private final String key;
        private final String expectedMd5;
        private MessageDigest md5;
        private final byte[] one = new byte[1];
        private long remaining;
        private long received;
        private boolean checked;

        /**
         * @param expectedMd5 the MD5 the body must have, or {@code null} for none
         */
        ReleasingInputStream(ResponseInputStream<GetObjectResponse> response, String expectedMd5, String key) {
            super(response);
            this.response = response;
            this.key = key;
            this.expectedMd5 = expectedMd5;
            this.md5 = expectedMd5 == null ? null : Integrity.md5();
            Long length = response.response().contentLength();
            this.remaining = length == null ? Long.MAX_VALUE : length;
        }

        @Override
        public int read() throws IOException {
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = readChecked(buffer, offset, length);
            if (n > 0) {
                if (md5 != null) {
                    md5.update(buffer, offset, n);
                }
                received += n;
                remaining -= n;
            }
            if (n < 0 || remaining == 0) {
                remaining = 0;
                check();
            }
            return n;
        }

        private int readChecked(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (SdkClientException e) {
                // The SDK's checksum validation at the end of the body.
                throw new IOException("cannot read key '" + key + "' from " + S3Store.this + ": " + e.getMessage()
                        + "; the object was damaged in storage or in transit: read it again, and if that fails too the stored"
                        + " object is damaged", e);
            }
        }

        private void check() throws IOException {
            if (checked) {
                return;
            }
            checked = true;
            // Reading past the last byte is what makes the SDK validate the server's checksum.
            if (readChecked(new byte[1], 0, 1) >= 0) {
                throw new IOException("cannot read key '" + key + "' from " + S3Store.this
                        + ": the server sent more bytes than its Content-Length said");
            }
            if (md5 != null) {
                String actual = HexFormat.of().formatHex(md5.digest());
                if (!actual.equals(expectedMd5)) {
                    throw new IOException("cannot read key '" + key + "' from " + S3Store.this + ": "
                            + receivedWrongBytes(received, actual, expectedMd5));
                }
            }
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes are not digested, so the MD5 can no longer be checked.
            md5 = null;
            long skipped = super.skip(n);
            remaining -= skipped;
            return skipped;
        }

        @Override
        public void close() throws IOException {
            if (remaining > 0) {
                response.abort();
            }
            super.close();
        }
    }
}
