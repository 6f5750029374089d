package org.kvcaches.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keys whose invalidation (a delete in a shared tier, or an announcement to other processes) failed,
 * retried in the background until it succeeds: all pending keys at once, with back-off from
 * {@link #FIRST_DELAY} doubling to {@link #MAX_DELAY} while it keeps failing. The queue is bounded;
 * a key that does not fit is refused, and the caller then relies on the age bound. One daemon thread,
 * started at the first failure. Thread-safe.
 */
final class RetryQueue implements AutoCloseable {
    static final Duration FIRST_DELAY = Duration.ofMillis(50);
    static final Duration MAX_DELAY = Duration.ofSeconds(1);

    private final String name;
    private final int capacity;
    private final Consumer<List<String>> retry;
    private final Consumer<Integer> repaired;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService executor;
    private long delayMillis = FIRST_DELAY.toMillis();
    private boolean scheduled;
    private boolean closed;

    /**
     * @param name what is retried, for the thread's name
     * @param capacity the most keys pending at once
     * @param retry makes the invalidation of the keys again; throws when it fails
     * @param repaired told how many keys a successful retry repaired
     */
    RetryQueue(String name, int capacity, Consumer<List<String>> retry, Consumer<Integer> repaired) {
        this.name = name;
        this.capacity = capacity;
        this.retry = retry;
        this.repaired = repaired;
    }

    /**
     * @param key a key whose invalidation failed
     * @return whether it is queued (false: the queue is full)
     */
    boolean add(String key) {
        if (!pending.contains(key) && pending.size() >= capacity) {
            return false;
        }
        pending.add(key);
        schedule();
        return true;
    }

    /** @return whether the key's invalidation is still to be repaired */
    boolean isPending(String key) {
        return !pending.isEmpty() && pending.contains(key);
    }

    /** @param key a key whose invalidation has now succeeded by other means */
    void done(String key) {
        if (!pending.isEmpty()) {
            pending.remove(key);
        }
    }

    /** @return how many keys are pending */
    int size() {
        return pending.size();
    }

    private synchronized void schedule() {
        if (closed || scheduled) {
            return;
        }
        if (executor == null) {
            ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "kv-cache-retry " + name);
                t.setDaemon(true);
                return t;
            });
            pool.setRemoveOnCancelPolicy(true);
            executor = pool;
        }
        scheduled = true;
        executor.schedule(this::run, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void run() {
        List<String> keys = new ArrayList<>(pending);
        boolean ok = true;
        if (!keys.isEmpty()) {
            try {
                retry.accept(keys);
                keys.forEach(pending::remove);
                repaired.accept(keys.size());
            } catch (RuntimeException e) {
                ok = false;
            }
        }
        synchronized (this) {
            scheduled = false;
            delayMillis = ok ? FIRST_DELAY.toMillis() : Math.min(MAX_DELAY.toMillis(), delayMillis * 2);
        }
        if (!pending.isEmpty()) {
            schedule();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
