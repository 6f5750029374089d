package org.kvcaches.s3;

import java.time.Duration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * The tuning of one S3 store, fixed when it is built.
 *
 * @param partSize the size of each multipart upload part, and of the buffer it needs
 * @param partsInFlight how many parts upload at once; a streamed put holds {@code partSize x (partsInFlight + 1)} bytes
 * @param storageClass the storage class of new objects, or {@code null} for the bucket's default
 * @param encryption server-side encryption of new objects, or {@code null} for the bucket's default
 * @param kmsKeyId the KMS key for {@code aws:kms} encryption, or {@code null}
 * @param urlExpiry how long a presigned URL stays valid
 * @param pageSize keys per listing request (at most 1000)
 * @param conditionalWrites whether the server honours {@code If-None-Match} and {@code If-Match} on PUT
 * @param multipartCopyThreshold objects larger than this are copied part by part (S3's single copy stops at 5 GiB)
 * @param verify whether puts check that the server stored what was sent, and reads what they received
 */
record S3Settings(long partSize, int partsInFlight, StorageClass storageClass, ServerSideEncryption encryption,
                  String kmsKeyId, Duration urlExpiry, int pageSize, boolean conditionalWrites,
                  long multipartCopyThreshold, boolean verify) {
    /** S3's smallest part except the last. */
    static final long MIN_PART_SIZE = 5L << 20;
    /** S3's largest part and largest single copy. */
    static final long MAX_PART_SIZE = 5L << 30;
}
