package org.kvcaches.testservers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Fixes two gaps of S3Proxy's file-tree blob stores so that they behave like S3 for our tests (measured
 * with S3Proxy 4.1.0, see the module README):
 * <ul>
 *   <li>S3 names are flat, but a file tree cannot hold {@code a} and {@code a/b} at once (HTTP 500) and
 *       lists only with the delimiter {@code /}. Here every {@code /} and {@code %} of an object name is
 *       escaped before it reaches the file tree, and listings are computed from the flat names.</li>
 *   <li>A PUT with {@code If-Match} checks the ETag and writes in two steps, so two concurrent
 *       compare-and-sets can both win. Here conditional writes of one object are serialized, as S3 does.</li>
 *   <li>A GET racing with an overwrite can send one version's ETag and checksum with the other's body
 *       (a whole, but mislabelled, value: the store's read check rejects it). Here a whole GET reads the
 *       body and answers only with a body whose MD5 is the ETag, as S3 does.</li>
 * </ul>
 * Everything else (HTTP, signatures, multipart, ranges, conditional semantics) is S3Proxy's own.
 */
final class FlatNameBlobStore extends ForwardingBlobStore {
    private final ConcurrentHashMap<String, Object> conditionalWriteLocks = new ConcurrentHashMap<>();

    FlatNameBlobStore(BlobStore delegate) {
        super(delegate);
    }

    static String encode(String name) {
        return name == null ? null : name.replace("%", "%25").replace("/", "%2F");
    }

    static String decode(String name) {
        return name == null ? null : name.replace("%2F", "/").replace("%25", "%");
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        String prefix = request.prefix() == null ? "" : request.prefix();
        String delimiter = request.delimiter() == null || request.delimiter().isEmpty() ? null : request.delimiter();
        int maxKeys = request.maxKeys() == null ? 1000 : Math.min(1000, request.maxKeys());
        String after = request.continuationToken() != null ? request.continuationToken()
                : request.startAfter() != null ? request.startAfter() : "";
        TreeMap<String, S3Object> all = new TreeMap<>();
        String token = null;
        do {
            String pageToken = token;
            ListObjectsV2Response page = delegate().list(request.toBuilder().prefix(encode(prefix)).delimiter(null)
                    .startAfter(null).continuationToken(pageToken).maxKeys(1000).build());
            for (S3Object object : page.contents()) {
                all.put(decode(object.key()), object.toBuilder().key(decode(object.key())).build());
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        List<S3Object> contents = new ArrayList<>();
        List<CommonPrefix> prefixes = new ArrayList<>();
        String last = null;
        boolean truncated = false;
        for (var entry : all.tailMap(after, false).entrySet()) {
            String name = entry.getKey();
            int at = delimiter == null ? -1 : name.indexOf(delimiter, prefix.length());
            String common = at < 0 ? null : name.substring(0, at + delimiter.length());
            if (common != null && (common.equals(last) || after.equals(common))) {
                continue;
            }
            if (contents.size() + prefixes.size() == maxKeys) {
                truncated = true;
                break;
            }
            if (common != null) {
                prefixes.add(CommonPrefix.builder().prefix(common).build());
                last = common;
            } else {
                contents.add(entry.getValue());
                last = name;
            }
        }
        return ListObjectsV2Response.builder().name(request.bucket()).prefix(prefix).delimiter(delimiter)
                .maxKeys(maxKeys).keyCount(contents.size() + prefixes.size()).contents(contents).commonPrefixes(prefixes)
                .isTruncated(truncated).nextContinuationToken(truncated ? last : null)
                .continuationToken(request.continuationToken()).startAfter(request.startAfter()).build();
    }

    @Override
    public boolean blobExists(String container, String name) {
        return super.blobExists(container, encode(name));
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream data) {
        PutObjectRequest encoded = request.toBuilder().key(encode(request.key())).build();
        if (request.ifMatch() == null && request.ifNoneMatch() == null) {
            return super.putBlob(encoded, data);
        }
        Object lock = conditionalWriteLocks.computeIfAbsent(request.bucket() + "/" + request.key(), k -> new Object());
        synchronized (lock) {
            HeadObjectResponse current = delegate().blobMetadataIfPresent(request.bucket(), encoded.key());
            boolean holds = request.ifNoneMatch() != null ? current == null
                    : current != null && unquoted(current.eTag()).equals(unquoted(request.ifMatch()));
            if (!holds) {
                throw S3Exceptions.preconditionFailed(new IllegalStateException("conditional write of " + request.key()));
            }
            return super.putBlob(encoded, data);
        }
    }

    private static String unquoted(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        return super.copyBlob(request.toBuilder().sourceKey(encode(request.sourceKey()))
                .destinationKey(encode(request.destinationKey())).build());
    }

    @Override
    public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
        return super.blobMetadata(request.toBuilder().key(encode(request.key())).build());
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        GetObjectRequest encoded = request.toBuilder().key(encode(request.key())).build();
        if (request.range() != null) {
            return super.getBlob(encoded);
        }
        // The whole body is read here and kept only if it is the body the ETag describes.
        for (int attempt = 0; ; attempt++) {
            ResponseInputStream<GetObjectResponse> blob = super.getBlob(encoded);
            String etag = blob.response().eTag() == null ? "" : blob.response().eTag().replace("\"", "");
            if (!etag.matches("[0-9a-fA-F]{32}")) {
                return blob;
            }
            byte[] body;
            try (blob) {
                body = blob.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (HexFormat.of().formatHex(md5(body)).equalsIgnoreCase(etag) || attempt == 100) {
                return new ResponseInputStream<>(blob.response(), new ByteArrayInputStream(body));
            }
        }
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        return super.removeBlob(request.toBuilder().key(encode(request.key())).build());
    }

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        return decoded(super.initiateMultipartUpload(request.toBuilder().key(encode(request.key())).build()));
    }

    @Override
    public void abortMultipartUpload(MultipartUpload upload) {
        super.abortMultipartUpload(encoded(upload));
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload, CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(encoded(upload),
                request.toBuilder().key(encode(request.key())).build());
        return response.toBuilder().key(decode(response.key())).build();
    }

    @Override
    public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request, InputStream data) {
        return super.uploadMultipartPart(encoded(upload), request.toBuilder().key(encode(request.key())).build(), data);
    }

    @Override
    public boolean supportsCopyMultipartPart() {
        return delegate().supportsCopyMultipartPart();
    }

    @Override
    public UploadPartCopyResponse copyMultipartPart(MultipartUpload upload, UploadPartCopyRequest request) {
        return delegate().copyMultipartPart(encoded(upload), request.toBuilder().sourceKey(encode(request.sourceKey()))
                .destinationKey(encode(request.destinationKey())).build());
    }

    @Override
    public List<Part> listMultipartUpload(MultipartUpload upload) {
        return super.listMultipartUpload(encoded(upload));
    }

    @Override
    public List<software.amazon.awssdk.services.s3.model.MultipartUpload> listMultipartUploads(String container) {
        return super.listMultipartUploads(container).stream().map(u -> u.toBuilder().key(decode(u.key())).build()).toList();
    }

    private static MultipartUpload encoded(MultipartUpload upload) {
        return renamed(upload, encode(upload.blobName()));
    }

    private static MultipartUpload decoded(MultipartUpload upload) {
        return renamed(upload, decode(upload.blobName()));
    }

    private static MultipartUpload renamed(MultipartUpload upload, String name) {
        CreateMultipartUploadResponse response = upload.response() == null ? null : upload.response().toBuilder().key(name).build();
        return new MultipartUpload(upload.id(), upload.request().toBuilder().key(name).build(), response);
    }

    private static byte[] md5(byte[] body) {
        try {
            return MessageDigest.getInstance("MD5").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java platform has no MD5, which every platform must have", e);
        }
    }
}
