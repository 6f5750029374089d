package org.kvcaches.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets concurrent misses on one key share one store read: the first caller leads the load, the others
 * wait for its result. No lock is held during I/O. A write forgets the key's load in flight, so a read
 * that starts after the write loads again instead of joining a load that may have read the old value.
 *
 * @param <V> what a load returns
 */
final class SingleFlight<V> {
    private final ConcurrentHashMap<String, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

    /**
     * @param key the key to load
     * @param mine the caller's own, incomplete future
     * @return the load already running, which the caller should {@link #await}, or {@code null} when
     *     the caller now leads the load and must complete {@code mine}, then {@link #finish} it
     */
    CompletableFuture<V> lead(String key, CompletableFuture<V> mine) {
        return inFlight.putIfAbsent(key, mine);
    }

    /** @param key a loaded key @param mine the future the caller led with */
    void finish(String key, CompletableFuture<V> mine) {
        inFlight.remove(key, mine);
    }

    /** @param key a key just written: later reads must not join a load that began before */
    void forget(String key) {
        inFlight.remove(key);
    }

    /**
     * @param running another caller's load
     * @param <V> its result type
     * @return its result, or its failure rethrown as it was
     */
    static <V> V await(CompletableFuture<V> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
