package org.kvcaches.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
    /** Each pending key with the mark of its latest failure: a repair clears only the mark it saw. */
    private final ConcurrentHashMap<String, Long> pending = new ConcurrentHashMap<>();
    private final AtomicLong marks = new AtomicLong();
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
        if (!pending.containsKey(key) && pending.size() >= capacity) {
            return false;
        }
        // A new mark even for a key already pending: a repair that started before this failure must not clear it.
        pending.put(key, marks.incrementAndGet());
        schedule();
        return true;
    }

    /**
     * @param key a key
     * @return the mark of its latest failed invalidation, to pass to {@link #done} once an
     *     invalidation that started after this call succeeded; 0 when the key is not pending
     */
    long mark(String key) {
        if (pending.isEmpty()) {
            return 0;
        }
        Long mark = pending.get(key);
        return mark == null ? 0 : mark;
    }

    /**
     * @param key a key whose invalidation has succeeded by other means
     * @param mark what {@link #mark} returned before that invalidation started; a later failure
     *     keeps the key pending
     */
    void done(String key, long mark) {
        if (mark != 0) {
            pending.remove(key, mark);
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
        Map<String, Long> snapshot = new HashMap<>(pending);
        boolean ok = true;
        if (!snapshot.isEmpty()) {
            try {
                retry.accept(new ArrayList<>(snapshot.keySet()));
                int cleared = 0;
                for (Map.Entry<String, Long> entry : snapshot.entrySet()) {
                    if (pending.remove(entry.getKey(), entry.getValue())) {
                        cleared++;
                    }
                }
                repaired.accept(cleared);
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
