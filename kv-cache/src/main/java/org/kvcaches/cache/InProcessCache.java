package org.kvcaches.cache;

import java.time.Duration;

/**
 * A cache store that lives in this process's memory and can therefore do two things no remote store
 * can: lend its stored arrays to a reader that only reads them, and arbitrate a decorator's fill
 * against writes under the key's own lock. {@code heap:} implements it; a third-party in-process
 * cache store implements it to get the same protection. A {@link CacheDecorator} over such a store
 * chooses its fill guard from this interface once, when it is built; every decorator over one store
 * shares the store's write stamps, so their fills and writes are arbitrated together.
 *
 * <p>Implementations are thread-safe. Keys passed here have been validated by the decorator.
 */
public interface InProcessCache {

    /**
     * @param key a valid key
     * @return the stored array itself (the caller must not modify it), or {@code null} when absent
     */
    byte[] peek(String key);

    /**
     * @param key a valid key
     * @return the key's write stamp, read before a load; any later {@link #recordWrite} changes it
     */
    long writeStamp(String key);

    /**
     * Marks a write of the key (called before and after every store write through a decorator), so
     * that a fill that read the store before it is refused.
     *
     * @param key a valid key
     */
    void recordWrite(String key);

    /**
     * Stores an entry only if the key's write stamp still equals {@code stamp}, checked and written
     * atomically so that no reader ever sees a fill that lost to a write.
     *
     * @param key a valid key
     * @param entry the encoded entry, owned by the store from now on
     * @param ttl its time to live, or {@code null} for the store's default
     * @param stamp the stamp read before the load
     * @return whether the entry was stored
     */
    boolean fillIfUnchanged(String key, byte[] entry, Duration ttl, long stamp);

    /**
     * Drops every entry and refuses every fill that began before (as if every key had been written):
     * what a decorator does when it can no longer prove its entries fresh, such as when the link that
     * tells it about other processes' writes is lost.
     */
    void clear();
}
