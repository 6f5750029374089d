package org.kvcaches.cache;

import java.util.Arrays;
import java.util.Collection;
import java.util.function.Consumer;
import org.kvcaches.api.spi.ChangeNotifier;

/**
 * Keeps other processes' private tiers coherent with this one's writes, and this one's with theirs,
 * through a shared tier that carries change announcements ({@link ChangeNotifier}). Every write
 * through the decorator is announced once (never a read or a fill); a failed announcement is retried
 * in the background ({@link RetryQueue}) and, past the queue's bound, left to the age bound. When the
 * decorator's cache tier is private to the process, announcements from other processes drop their
 * keys from it; while the link is down the private tier is flushed and bypassed (nothing is served
 * from it, nothing is filled into it), because announcements may be missed, and it is flushed again
 * when the link is back. Notification delays are recorded.
 */
final class PeerInvalidation implements ChangeNotifier.Listener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PeerInvalidation.class.getName());
    /** How many recent delays are kept for the percentiles. */
    private static final int DELAY_SAMPLES = 4096;

    private final ChangeNotifier notifier;
    private final Consumer<String> dropKey;
    private final Runnable dropAll;
    private final StatsCounter stats;
    private final RetryQueue unannounced;
    /** Skips announcing while the notifying tier keeps failing, so a dead tier does not cost a timeout per write. */
    private final TierBreaker breaker;
    private final AutoCloseable listening;
    private final long[] delays = new long[DELAY_SAMPLES];
    private long delayCount;
    /** True while this process is told about every write; always true when nothing is listened to. */
    private volatile boolean linkUp;

    /**
     * @param notifier the shared tier's notifier
     * @param listen whether to listen (the cache tier is private to this process) or only announce
     * @param dropKey drops a key another process wrote from the private tier
     * @param dropAll flushes the private tier, refusing fills in flight
     * @param capacity the most unannounced keys remembered for retry
     * @param stats the decorator's counters
     */
    PeerInvalidation(ChangeNotifier notifier, boolean listen, Consumer<String> dropKey, Runnable dropAll, int capacity,
                     TierBreaker breaker, StatsCounter stats) {
        this.notifier = notifier;
        this.dropKey = dropKey;
        this.dropAll = dropAll;
        this.stats = stats;
        this.breaker = breaker;
        this.unannounced = new RetryQueue("announcements via " + notifier, capacity, notifier::announce,
                n -> stats.add(StatsCounter.Event.INVALIDATION_REPAIRED, n));
        this.linkUp = !listen;
        this.listening = listen ? notifier.listen(this) : null;
    }

    /** @return whether the private tier may be read and filled now */
    boolean trusted() {
        return linkUp;
    }

    /** @param keys keys a write through this decorator changed, announced as one message */
    void announce(Collection<String> keys) {
        try {
            if (!breaker.allows()) {
                throw new BreakerGuardedTier.Skipped(notifier.toString());
            }
            breaker.run(() -> notifier.announce(keys));
        } catch (RuntimeException e) {
            stats.record(e instanceof BreakerGuardedTier.Skipped ? StatsCounter.Event.BREAKER_SKIP : StatsCounter.Event.ANNOUNCE_ERROR);
            for (String key : keys) {
                if (!unannounced.add(key)) {
                    stats.record(StatsCounter.Event.INVALIDATION_DROPPED);
                }
            }
        }
    }

    @Override
    public void changed(String key, long sentAtMillis) {
        dropKey.accept(key);
        stats.record(StatsCounter.Event.PEER_INVALIDATION);
        long delay = Math.max(0, System.currentTimeMillis() - sentAtMillis);
        synchronized (delays) {
            delays[(int) (delayCount++ % DELAY_SAMPLES)] = delay;
        }
    }

    @Override
    public void linkUp() {
        // Announcements made while the link was down were missed: flush before trusting again.
        dropAll.run();
        linkUp = true;
    }

    @Override
    public void linkLost(Exception cause) {
        boolean wasUp = linkUp;
        linkUp = false;
        dropAll.run();
        if (wasUp) {
            stats.record(StatsCounter.Event.LINK_LOSS);
            LOG.log(System.Logger.Level.WARNING, "lost the change notifications of " + notifier
                    + "; the private cache tier is bypassed until they are back: " + cause);
        }
    }

    /** @return the recent notification delays, or empty when none was received */
    StalenessContract.NotificationDelay delay() {
        long[] sorted;
        long count;
        synchronized (delays) {
            count = delayCount;
            sorted = Arrays.copyOf(delays, (int) Math.min(count, DELAY_SAMPLES));
        }
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return StalenessContract.NotificationDelay.NONE;
        }
        return new StalenessContract.NotificationDelay(count, sorted[(int) ((sorted.length - 1) * 0.50)],
                sorted[(int) ((sorted.length - 1) * 0.99)], sorted[sorted.length - 1]);
    }

    @Override
    public void close() {
        unannounced.close();
        if (listening != null) {
            try {
                listening.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the change listener of " + notifier + " failed: " + e);
            }
        }
    }
}
