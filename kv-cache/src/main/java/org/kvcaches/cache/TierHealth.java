package org.kvcaches.cache;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.kvcaches.api.KeyValueStore;

/**
 * Whether a cache tier may be trusted, key by key: a key whose invalidation failed is a suspect and
 * is not served from the cache until it has been deleted there; past {@code maxSuspects} suspects
 * the whole tier is bypassed until it can be cleared. Thread-safe.
 */
final class TierHealth {
    /** How many bypassed reads pass between two attempts to recover a bypassed tier. */
    private static final int RECOVER_EVERY = 1000;

    private final KeyValueStore cache;
    private final int maxSuspects;
    private final Set<String> suspects = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean bypass = new AtomicBoolean();
    private final AtomicLong bypassedReads = new AtomicLong();

    TierHealth(KeyValueStore cache, int maxSuspects) {
        this.cache = cache;
        this.maxSuspects = maxSuspects;
    }

    /**
     * @param key a key about to be read
     * @return whether the cache may serve it; a suspect key is first deleted from the cache, and
     *     stays a suspect while that fails
     */
    boolean admits(String key) {
        if (bypass.get()) {
            if (bypassedReads.incrementAndGet() % RECOVER_EVERY == 0) {
                tryRecover();
            }
            return false;
        }
        if (!suspects.isEmpty() && suspects.contains(key)) {
            try {
                cache.delete(key);
                suspects.remove(key);
            } catch (RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    /** @param key a key whose invalidation succeeded */
    void invalidated(String key) {
        if (!suspects.isEmpty()) {
            suspects.remove(key);
        }
    }

    /** @param key a key whose invalidation failed: the cache may still hold its old value */
    void invalidationFailed(String key) {
        if (suspects.size() >= maxSuspects) {
            bypass.set(true);
        } else {
            suspects.add(key);
        }
    }

    /** While the tier is bypassed, tries now and then to clear it; once cleared it is trusted again. */
    private void tryRecover() {
        try (Stream<String> keys = cache.keys("")) {
            cache.deleteAll(keys.toList());
            suspects.clear();
            bypass.set(false);
        } catch (RuntimeException e) {
            // Still unhealthy: keep bypassing.
        }
    }
}
