package org.kvcaches.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A circuit breaker for one cache tier, so that a dead or slow tier costs about nothing instead of
 * a timeout on every read. A call that throws, or that answers later than the read deadline, is a
 * failure; after {@code failureThreshold} failures in a row the breaker opens, and the tier is
 * skipped (reads and fills go to the store; invalidations are left to the repair queue) except for
 * one probe call per {@code probeInterval}, which closes the breaker again when it succeeds in time.
 * Lock-free; one volatile read per call while closed.
 */
final class TierBreaker {
    private final int failureThreshold;
    private final long deadlineNanos;
    private final long probeIntervalNanos;
    private final StatsCounter stats;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicLong nextProbeNanos = new AtomicLong();
    private volatile BreakerState state = BreakerState.CLOSED;

    TierBreaker(int failureThreshold, Duration deadline, Duration probeInterval, StatsCounter stats) {
        this.failureThreshold = failureThreshold;
        this.deadlineNanos = deadline.toNanos();
        this.probeIntervalNanos = probeInterval.toNanos();
        this.stats = stats;
    }

    /** Opens the breaker before any call, for a tier known to be down: the first probe is due after one interval. */
    void startOpen() {
        nextProbeNanos.set(System.nanoTime() + probeIntervalNanos);
        state = BreakerState.OPEN;
        stats.record(StatsCounter.Event.BREAKER_OPENED);
    }

    /** @return the state now */
    BreakerState state() {
        return state;
    }

    /**
     * @return whether a call may go to the tier now: always while closed; while open, only the one
     *     probe of each interval (which moves the breaker to half-open)
     */
    boolean allows() {
        BreakerState s = state;
        if (s == BreakerState.CLOSED) {
            return true;
        }
        if (s == BreakerState.HALF_OPEN) {
            return false;
        }
        long due = nextProbeNanos.get();
        long now = System.nanoTime();
        if (now - due >= 0 && nextProbeNanos.compareAndSet(due, now + probeIntervalNanos)) {
            state = BreakerState.HALF_OPEN;
            return true;
        }
        return false;
    }

    /**
     * @return whether a call now would be skipped: open with no probe due yet, or a probe under way.
     *     Unlike {@link #allows} it never takes the probe, so a read can ask it first and go straight
     *     to the store, without a call to the tier or an exception
     */
    boolean skipping() {
        BreakerState s = state;
        return s != BreakerState.CLOSED && (s == BreakerState.HALF_OPEN || System.nanoTime() - nextProbeNanos.get() < 0);
    }

    /**
     * Runs a call to the tier that {@link #allows} permitted, and records how it went.
     *
     * @param call the call
     * @param <T> its result
     * @return its result
     * @throws RuntimeException what the call threw
     */
    <T> T call(Supplier<T> call) {
        long start = System.nanoTime();
        T result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            failed();
            throw e;
        }
        if (System.nanoTime() - start > deadlineNanos) {
            stats.record(StatsCounter.Event.SLOW_CALL);
            failed();
        } else {
            succeeded();
        }
        return result;
    }

    /** Runs a call that returns nothing; see {@link #call(Supplier)}. */
    void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    private void succeeded() {
        if (state != BreakerState.CLOSED || consecutiveFailures.get() != 0) {
            consecutiveFailures.set(0);
            if (state != BreakerState.CLOSED) {
                state = BreakerState.CLOSED;
                stats.record(StatsCounter.Event.BREAKER_CLOSED);
            }
        }
    }

    private void failed() {
        int failures = consecutiveFailures.incrementAndGet();
        if (state == BreakerState.HALF_OPEN || state == BreakerState.CLOSED && failures >= failureThreshold) {
            nextProbeNanos.set(System.nanoTime() + probeIntervalNanos);
            if (state == BreakerState.CLOSED) {
                stats.record(StatsCounter.Event.BREAKER_OPENED);
            }
            state = BreakerState.OPEN;
        }
    }
}
