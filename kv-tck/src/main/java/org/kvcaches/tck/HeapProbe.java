package org.kvcaches.tck;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tells whether a store held a streamed value in the heap. A value counts as held only when both
 * measures say so: the heap in use after a full collection grew by the limit (so garbage does not
 * count, such as a chunk allocated per read and dropped), and the threads that read the stream
 * allocated at least the limit (so other threads' objects, such as an in-JVM test server's, do not
 * count). Reliable when tests run one at a time, as Surefire runs them by default.
 */
final class HeapProbe {
    private final com.sun.management.ThreadMXBean threads;
    private final Thread caller = Thread.currentThread();
    private final long callerAllocatedBefore;
    private final long heapBefore;
    private volatile Thread reader;
    private volatile long readerAllocatedBefore;
    private boolean sampled;
    private long held;
    private long allocated;

    private HeapProbe(com.sun.management.ThreadMXBean threads) {
        this.threads = threads;
        this.heapBefore = liveHeap();
        this.callerAllocatedBefore = threads.getThreadAllocatedBytes(caller.getId());
    }

    /**
     * Starts measuring on the calling thread, or aborts the test (reported as skipped, with the
     * reason) when this JVM cannot measure.
     *
     * @param store the store under test, named in the skip message
     */
    static HeapProbe start(Object store) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean threads) || !threads.isThreadAllocatedMemorySupported()) {
            return Assumptions.abort("skipped: this JVM cannot count the bytes a thread allocates "
                    + "(com.sun.management.ThreadMXBean), so bounded memory is not checked for " + store);
        }
        if (ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+DisableExplicitGC")) {
            return Assumptions.abort("skipped: -XX:+DisableExplicitGC keeps the TCK from measuring the live heap, "
                    + "so bounded memory is not checked for " + store);
        }
        if (!threads.isThreadAllocatedMemoryEnabled()) {
            threads.setThreadAllocatedMemoryEnabled(true);
        }
        return new HeapProbe(threads);
    }

    /**
     * @param data the value handed to the store
     * @param at after how many bytes served to {@link #sample()} (on the thread that reads)
     * @return {@code data}, sampled once when {@code at} bytes have been read from it
     */
    InputStream sampledAfter(InputStream data, long at) {
        return new FilterInputStream(data) {
            private long served;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                noteReader();
                // Up to the sample point exactly, so that the store has read that much when it is measured.
                int n = super.read(buffer, offset, served < at ? (int) Math.min(length, at - served) : length);
                if (n > 0 && served < at && (served += n) >= at) {
                    sample();
                }
                return n;
            }
        };
    }

    private void noteReader() {
        Thread current = Thread.currentThread();
        if (current != caller && reader == null) {
            readerAllocatedBefore = threads.getThreadAllocatedBytes(current.getId());
            reader = current;
        }
    }

    /** Measures now: what the caller (and another thread reading the value, if any) allocated, and the live heap's growth. */
    synchronized void sample() {
        long bytes = threads.getThreadAllocatedBytes(caller.getId()) - callerAllocatedBefore;
        Thread other = reader;
        if (other != null) {
            bytes += Math.max(0, threads.getThreadAllocatedBytes(other.getId()) - readerAllocatedBefore);
        }
        allocated = bytes;
        held = liveHeap() - heapBefore;
        sampled = true;
    }

    /**
     * Fails when the store held at least {@code limit} bytes at the sample.
     *
     * @param what the operation measured, for the message
     */
    synchronized void assertHeldLessThan(long limit, String what) {
        Assertions.assertTrue(sampled, what + ": the store never read the value up to the point where the TCK measures");
        if (held >= limit && allocated >= limit) {
            Assertions.fail(what + " held about " + mib(held) + " in the heap (and allocated " + mib(allocated)
                    + " on the threads that read it), at least the limit of " + mib(limit)
                    + ": a stream must pass through a bounded buffer, not be held whole");
        }
    }

    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }
}
