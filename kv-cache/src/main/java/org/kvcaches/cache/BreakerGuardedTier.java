package org.kvcaches.cache;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KvException;
import org.kvcaches.api.spi.CacheTierReads;
import org.kvcaches.api.spi.ForwardingKeyValueStore;
import org.kvcaches.api.spi.ReadDeadlineException;

/**
 * A remote cache tier as its decorator calls it: every call passes its {@link TierBreaker}, so while
 * the breaker is open a call fails at once with {@link Skipped} instead of waiting for a dead or slow
 * tier, and every call's outcome and time feed the breaker. The decorator treats a skipped call like
 * a failed one (a miss, no fill, an invalidation left to the repair queue).
 *
 * <p>Reads ({@code find}, {@code get}) are also bounded by the read deadline: one that has not
 * answered by then throws {@link ReadDeadlineException}, so the decorator reads the store instead,
 * and the breaker counts it as a failure at once. A tier that bounds its own reads
 * ({@link CacheTierReads#boundsReads()}, a standalone Redis tier) does so on the calling thread
 * with a per-call socket timeout: a hit costs no thread hand-off. Any other tier's read runs on a
 * small pool of daemon threads while the caller waits at most the deadline (a hedge: a few
 * microseconds of hand-off per read, and a late answer is dropped); when every thread of the pool is
 * busy with a tier that stopped answering, a read falls through at once. Writes (fills,
 * invalidations) are not bounded here: the breaker and the repair queue handle them.
 */
final class BreakerGuardedTier extends ForwardingKeyValueStore {
    /** Most hedged reads of one tier in flight at once; more fall through to the store at once. */
    static final int HEDGE_THREADS = 16;

    /** Thrown instead of calling a tier whose breaker is open. */
    static final class Skipped extends KvException {
        private static final long serialVersionUID = 1L;

        Skipped(String tier) {
            super("cache tier " + tier + " is skipped: its circuit breaker is open");
        }

        /** Thrown on every skipped call while a tier is down, and always caught: a stack trace would cost more than the skip. */
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private final TierBreaker breaker;
    private final Duration deadline;
    /** The tier's own bounded reads and one-call lease, or null. */
    private final CacheTierReads reads;
    /** Runs the reads of a tier that cannot bound them itself; null when it can. */
    private final ThreadPoolExecutor hedge;

    BreakerGuardedTier(KeyValueStore tier, TierBreaker breaker, Duration deadline) {
        super(tier.toString(), tier);
        this.breaker = breaker;
        this.deadline = deadline;
        this.reads = tier instanceof CacheTierReads r ? r : null;
        if (reads != null && reads.boundsReads()) {
            this.hedge = null;
        } else {
            this.hedge = new ThreadPoolExecutor(0, HEDGE_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "kv-cache-hedge " + tier);
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** @return whether the tier reads and leases in one call ({@link #findOrPut}) */
    boolean readsAndLeasesInOneCall() {
        return reads != null;
    }

    private <T> T guarded(Supplier<T> call) {
        if (!breaker.allows()) {
            throw new Skipped(toString());
        }
        return breaker.call(call);
    }

    private void guarded(Runnable call) {
        guarded(() -> {
            call.run();
            return null;
        });
    }

    /** Runs a read of a tier that cannot bound it itself, waiting at most the deadline for its answer. */
    private <T> T hedged(Supplier<T> read) {
        Future<T> answer;
        try {
            answer = hedge.submit(read::get);
        } catch (RejectedExecutionException e) {
            throw new ReadDeadlineException("cache tier " + this + " has " + HEDGE_THREADS + " reads in flight already", null);
        }
        try {
            return answer.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // The late answer is dropped; the read on the pool thread ends when the tier answers or times out.
            throw new ReadDeadlineException("cache tier " + this + " did not answer within " + deadline.toMillis() + " ms", null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new KvException("cache tier " + this + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            throw new KvException("interrupted while reading cache tier " + this, e);
        }
    }

    private Optional<byte[]> findWithinDeadline(String key) {
        if (hedge == null) {
            return reads.findWithin(key, deadline);
        }
        return hedged(() -> super.doFind(key));
    }

    /**
     * The first call of a miss: reads the key and, when it is absent, puts the lease marker, in one
     * call to the tier, within the read deadline.
     *
     * @return the entry found, its header apart from its payload, or empty when the marker was put
     */
    Optional<CacheTierReads.Parts> findOrPut(String key, byte[] marker, Duration ttl) {
        return guarded(() -> hedge == null ? reads.findOrPut(key, marker, ttl, deadline, CacheEntry.HEADER)
                : hedged(() -> reads.findOrPut(key, marker, ttl, deadline, CacheEntry.HEADER)));
    }

    /** Shuts the hedge's threads down (a read in flight ends when its tier answers or times out). */
    void stopHedging() {
        if (hedge != null) {
            hedge.shutdown();
        }
    }

    @Override
    protected Optional<byte[]> doFind(String key) {
        return guarded(() -> findWithinDeadline(key));
    }

    @Override
    protected byte[] doGet(String key) {
        return guarded(() -> findWithinDeadline(key)).orElseThrow(() -> new KeyNotFoundException(key));
    }

    @Override
    protected InputStream doOpen(String key) {
        return guarded(() -> super.doOpen(key));
    }

    @Override
    protected void doPut(String key, byte[] value, Duration ttl) {
        guarded(() -> super.doPut(key, value, ttl));
    }

    @Override
    protected boolean doPutIfAbsent(String key, byte[] value, Duration ttl) {
        return guarded(() -> super.doPutIfAbsent(key, value, ttl));
    }

    @Override
    protected boolean doCompareAndSet(String key, byte[] expected, byte[] replacement, Duration ttl) {
        return guarded(() -> super.doCompareAndSet(key, expected, replacement, ttl));
    }

    @Override
    protected void doDelete(String key) {
        guarded(() -> super.doDelete(key));
    }

    @Override
    protected void doDeleteAll(List<String> keys) {
        guarded(() -> super.doDeleteAll(keys));
    }
}
