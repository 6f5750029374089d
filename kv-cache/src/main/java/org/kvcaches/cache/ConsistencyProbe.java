package org.kvcaches.cache;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.kvcaches.api.KeyValueStore;

/**
 * Measures staleness in production: a sample of hits ({@code verifyRate}) is re-read from the
 * authoritative store in the background. A hit whose value the authority no longer holds is checked
 * again after a grace period, so that a write whose invalidation is still on its way is not counted;
 * if the tier still serves that same entry then (same fill, not the same bytes filled again, since
 * workloads often write a value more than once), the hit counts as stale, with the entry's age. Samples
 * past {@link #QUEUE} unsettled ones are dropped, never queued without bound; reads never wait for
 * the probe, and the grace period holds no thread.
 */
final class ConsistencyProbe implements AutoCloseable {
    private static final int QUEUE = 1024;

    /** Looks at what the tier would serve for a key now. */
    interface TierPeek {
        /**
         * @param key the key
         * @param served the value a hit served
         * @param filledAtMillis when the entry that served it was filled
         * @return whether the tier still serves that same entry (not the same bytes filled again later)
         */
        boolean stillServes(String key, byte[] served, long filledAtMillis);
    }

    private final double rate;
    private final KeyValueStore authority;
    private final TierPeek tier;
    private final long graceMillis;
    private final StatsCounter stats;
    private final ScheduledThreadPoolExecutor executor;
    /** Samples taken and not yet settled; none is taken past {@link #QUEUE}. */
    private final AtomicInteger pending = new AtomicInteger();

    ConsistencyProbe(double rate, KeyValueStore authority, TierPeek tier, long graceMillis, StatsCounter stats) {
        this.rate = rate;
        this.authority = authority;
        this.tier = tier;
        this.graceMillis = graceMillis;
        this.stats = stats;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "kv-cache-consistency-probe");
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * @param key a key the tier just served
     * @param served the value it served, which the caller now owns; only a sampled hit copies it
     * @param filledAtMillis when the entry was filled
     */
    void sample(String key, byte[] served, long filledAtMillis) {
        if (rate > 0 && ThreadLocalRandom.current().nextDouble() < rate) {
            if (pending.incrementAndGet() > QUEUE) {
                pending.decrementAndGet();
                return;
            }
            byte[] copy = served.clone();
            try {
                executor.execute(() -> verify(key, copy, filledAtMillis));
            } catch (RejectedExecutionException e) {
                pending.decrementAndGet();
            }
        }
    }

    private void verify(String key, byte[] served, long filledAtMillis) {
        boolean settled = true;
        try {
            stats.record(StatsCounter.Event.PROBED_HIT);
            if (!matches(authority.find(key), served)) {
                executor.schedule(() -> recheck(key, served, filledAtMillis), graceMillis, TimeUnit.MILLISECONDS);
                settled = false;
            }
        } catch (RuntimeException e) {
            // The authority could not be read, or the probe is closing: nothing is learned from this sample.
        } finally {
            if (settled) {
                pending.decrementAndGet();
            }
        }
    }

    /** After the grace period: stale only if the tier still serves the value and the authority still does not hold it. */
    private void recheck(String key, byte[] served, long filledAtMillis) {
        try {
            if (tier.stillServes(key, served, filledAtMillis) && !matches(authority.find(key), served)) {
                // The age first: whoever sees the count also sees the age it brought.
                stats.recordStaleAge(System.currentTimeMillis() - filledAtMillis);
                stats.record(StatsCounter.Event.STALE_HIT);
            }
        } catch (RuntimeException e) {
            // As above: nothing is learned.
        } finally {
            pending.decrementAndGet();
        }
    }

    private static boolean matches(Optional<byte[]> current, byte[] served) {
        return current.isPresent() && Arrays.equals(current.get(), served);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
