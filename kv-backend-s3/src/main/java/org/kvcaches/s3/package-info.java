/**
 * Amazon S3 and S3-compatible servers through the AWS SDK for Java v2: one object per key under a
 * prefix, paged listings, multipart streaming with bounded memory, conditional writes and presigned
 * URLs. Opened by URI through {@link org.kvcaches.s3.S3StoreProvider}, or over a client the caller has
 * with {@link org.kvcaches.s3.S3StoreBuilder}.
 */
package org.kvcaches.s3;
