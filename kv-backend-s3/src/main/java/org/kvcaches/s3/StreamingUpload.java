package org.kvcaches.s3;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.kvcaches.api.KvException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streams one value of unknown length into S3 with bounded memory: values that fit in one part go up as
 * one PutObject; longer ones as a multipart upload whose parts are read into a fixed pool of
 * {@code partsInFlight + 1} buffers and uploaded {@code partsInFlight} at a time. Any failure (the
 * caller's stream, the network, an interrupt, a part the server stored wrongly) aborts the upload, so no
 * object and no orphan parts remain.
 */
final class StreamingUpload {
    /** What the upload asks of the store; it knows the bucket, key and request options. */
    interface Target {
        void putWhole(byte[] buffer, int length);

        String createMultipart();

        /** Uploads one part from {@code buffer[0..length)} and checks what the server stored of it. */
        CompletedPart uploadPart(String uploadId, int partNumber, byte[] buffer, int length);

        /** @return the completed object's ETag */
        String complete(String uploadId, List<CompletedPart> parts);

        /** Checks the completed object, which now exists and is visible, against its parts. */
        void verifyCompleted(String etag, List<CompletedPart> parts);

        void abort(String uploadId);

        KvException failure(String action, SdkException e);

        KvException readFailure(IOException e);
    }

    /** How much of a value is read before a whole part buffer is taken. */
    private static final int FIRST_READ = 64 << 10;

    private final S3Settings settings;
    private final ExecutorService executor;

    StreamingUpload(S3Settings settings, ExecutorService executor) {
        this.settings = settings;
        this.executor = executor;
    }

    void run(InputStream data, Target target) {
        int partSize = (int) settings.partSize();
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(settings.partsInFlight() + 1);
        // Most streamed values are small: read a little first, so that they do not cost a whole part buffer.
        byte[] head = new byte[Math.min(partSize, FIRST_READ)];
        int headLength = fill(data, head, target);
        if (headLength < head.length) {
            target.putWhole(head, headLength);
            return;
        }
        byte[] first = Arrays.copyOf(head, partSize);
        int firstLength = headLength + fill(data, first, headLength, target);
        if (firstLength < partSize) {
            target.putWhole(first, firstLength);
            return;
        }
        byte[] second = new byte[partSize];
        int secondLength = fill(data, second, target);
        if (secondLength == 0) {
            target.putWhole(first, firstLength);
            return;
        }
        for (int i = 2; i <= settings.partsInFlight(); i++) {
            free.add(new byte[partSize]);
        }
        String uploadId;
        try {
            uploadId = target.createMultipart();
        } catch (SdkException e) {
            throw target.failure("start a multipart upload", e);
        }
        List<Future<CompletedPart>> parts = new ArrayList<>();
        List<CompletedPart> completed = new ArrayList<>();
        String etag;
        try {
            parts.add(submit(target, uploadId, 1, first, firstLength, free));
            byte[] buffer = second;
            int length = secondLength;
            while (length > 0) {
                parts.add(submit(target, uploadId, parts.size() + 1, buffer, length, free));
                if (length < partSize) {
                    break;
                }
                buffer = free.take();
                length = fill(data, buffer, target);
            }
            for (Future<CompletedPart> part : parts) {
                completed.add(part.get());
            }
            etag = target.complete(uploadId, completed);
        } catch (InterruptedException e) {
            KvException failure = new KvException("interrupted while uploading; the upload was aborted and the old value kept", e);
            abort(target, uploadId, parts, failure);
            Thread.currentThread().interrupt();
            throw failure;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            RuntimeException failure = cause instanceof SdkException sdk ? target.failure("upload a part", sdk)
                    : cause instanceof RuntimeException r ? r : new KvException("cannot upload a part: " + cause, cause);
            abort(target, uploadId, parts, failure);
            throw failure;
        } catch (SdkException e) {
            KvException failure = target.failure("complete a multipart upload", e);
            abort(target, uploadId, parts, failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            abort(target, uploadId, parts, e);
            throw e;
        }
        target.verifyCompleted(etag, completed);
    }

    private Future<CompletedPart> submit(Target target, String uploadId, int number, byte[] buffer, int length,
                                         BlockingQueue<byte[]> free) {
        return executor.submit(() -> {
            try {
                return target.uploadPart(uploadId, number, buffer, length);
            } finally {
                free.offer(buffer);
            }
        });
    }

    /**
     * Waits for the parts still in flight (one landing after the abort would be an orphan), then aborts
     * the upload; a failed abort is added to the failure being thrown.
     */
    private static void abort(Target target, String uploadId, List<Future<CompletedPart>> parts, Throwable failure) {
        boolean interrupted = Thread.interrupted();
        for (Future<CompletedPart> part : parts) {
            while (true) {
                try {
                    part.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | RuntimeException e) {
                    break;
                }
            }
        }
        try {
            target.abort(uploadId);
        } catch (SdkException e) {
            failure.addSuppressed(target.failure("abort multipart upload " + uploadId
                    + " (a bucket lifecycle rule for incomplete uploads removes it later)", e));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reads until the buffer is full or the stream ends; returns the bytes read. */
    private static int fill(InputStream data, byte[] buffer, Target target) {
        return fill(data, buffer, 0, target);
    }

    /** Reads from {@code offset} until the buffer is full or the stream ends; returns the bytes read. */
    private static int fill(InputStream data, byte[] buffer, int offset, Target target) {
        try {
            return data.readNBytes(buffer, offset, buffer.length - offset);
        } catch (IOException e) {
            throw target.readFailure(e);
        }
    }
}
