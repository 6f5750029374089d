package org.kvcaches.s3;

import org.kvcaches.api.KvException;
import org.kvcaches.api.spi.StoreUri;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns the SDK's exceptions into {@link KvException}s that say which bucket and endpoint failed and
 * what to check. Messages never carry credentials: the SDK does not put the secret key in its messages,
 * and anything URI-shaped is redacted all the same.
 */
final class S3Failures {
    private final String store;
    private final String bucket;
    private final String endpoint;
    private final String region;

    /**
     * @param store the store's redacted description
     * @param bucket the bucket
     * @param endpoint where requests go, for messages
     * @param region the signing region
     */
    S3Failures(String store, String bucket, String endpoint, String region) {
        this.store = store;
        this.bucket = bucket;
        this.endpoint = endpoint;
        this.region = region;
    }

    String endpoint() {
        return endpoint;
    }

    /**
     * @param action what was being done, e.g. "read key 'a'"
     * @param e what the SDK threw
     * @return the exception to throw
     */
    KvException of(String action, SdkException e) {
        return new KvException("cannot " + action + " in " + store + ": " + explain(e), e);
    }

    /**
     * Explains a failed HeadBucket, whose answers have a status but no error code.
     *
     * @param e what the SDK threw
     * @return the exception to throw
     */
    KvException ofBucketCheck(SdkException e) {
        if (S3Failures.hasStatus(e, 404)) {
            return new KvException("cannot open " + store + ": bucket '" + bucket + "' does not exist at " + endpoint
                    + "; create it, or check the bucket name and the endpoint", e);
        }
        if (S3Failures.hasStatus(e, 403)) {
            return new KvException("cannot open " + store + ": access to bucket '" + bucket + "' at " + endpoint
                    + " was denied (HTTP 403); check the access key id and secret key (a wrong secret shows as this too)"
                    + " and the bucket's policy", e);
        }
        return of("open the bucket", e);
    }

    private String explain(SdkException e) {
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            int status = s3.statusCode();
            String detail = (code == null ? "" : code + ", ") + "HTTP " + status;
            if ("NoSuchBucket".equals(code)) {
                return "bucket '" + bucket + "' does not exist at " + endpoint + " (" + detail
                        + "); create it, or check the bucket name and the endpoint";
            }
            if (status == 301 || "PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code)
                    || "IllegalLocationConstraintException".equals(code)) {
                String actual = s3.awsErrorDetails() == null || s3.awsErrorDetails().sdkHttpResponse() == null ? null
                        : s3.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region").orElse(null);
                return "bucket '" + bucket + "' is not in region " + region + (actual == null ? "" : " but in " + actual)
                        + " (" + detail + "); set ?region=" + (actual == null ? "<the bucket's region>" : actual);
            }
            if ("InvalidAccessKeyId".equals(code)) {
                return endpoint + " does not know the access key id (" + detail
                        + "); check the credentials (user-info, ?profile=, or the AWS default chain)";
            }
            if ("SignatureDoesNotMatch".equals(code)) {
                return "the secret key does not match the access key id (" + detail + "); check the credentials";
            }
            if (status == 403) {
                return "access denied to bucket '" + bucket + "' at " + endpoint + " (" + detail
                        + "); check the credentials and the bucket's policy for this operation";
            }
            if ("BadDigest".equals(code) || "InvalidDigest".equals(code) || "XAmzContentChecksumMismatch".equals(code)
                    || "XAmzContentSHA256Mismatch".equals(code)) {
                return "the server received different bytes than were sent, so it stored nothing (" + detail
                        + "); retry. If every put fails so, something between us and the server changes request bodies,"
                        + " or the server cannot decode the SDK's aws-chunked uploads: try ?chunkedEncoding=false";
            }
            if (status == 503 || status == 429 || "SlowDown".equals(code) || s3.isThrottlingException()) {
                return "throttled by " + endpoint + " after the SDK's retries (" + detail
                        + "); lower the request rate or spread keys over more prefixes";
            }
            return redact(s3.awsErrorDetails() == null ? s3.getMessage() : s3.awsErrorDetails().errorMessage())
                    + " (" + detail + ")";
        }
        if (e instanceof SdkClientException && String.valueOf(e.getMessage()).contains("different checksum than expected")) {
            return "the bytes received do not match the checksum the server sent for them (" + redact(e.getMessage())
                    + "): the object was damaged in storage or in transit; read it again, and if that fails too the stored"
                    + " object is damaged";
        }
        if (e instanceof SdkClientException && String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("credentials")) {
            return "no usable AWS credentials (" + redact(e.getMessage()) + "); give them as ?profile=, through the AWS default chain"
                    + " (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, ~/.aws/credentials, an instance role),"
                    + " or as percent-encoded user-info s3://KEY:SECRET@bucket";
        }
        if (e instanceof SdkClientException) {
            return "cannot reach " + endpoint + " (" + redact(e.getMessage())
                    + "); check the endpoint, the network and that the server runs";
        }
        return redact(e.getMessage());
    }

    private static String redact(String message) {
        return message == null ? "no message" : StoreUri.redact(message);
    }

    /** @return whether the exception is an HTTP error with this status */
    static boolean hasStatus(SdkException e, int status) {
        return e instanceof S3Exception s3 && s3.statusCode() == status;
    }
}
