package org.kvcaches.redis;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import org.kvcaches.api.spi.CacheTierReads;
import org.kvcaches.api.spi.ChangeNotifier;
import org.kvcaches.api.spi.ForwardingKeyValueStore;

/**
 * A Redis store that also carries change announcements for its namespace, so that a chain can use it
 * as a shared tier that notifies: the cache decorator of every process announces its writes here and
 * listens for everyone else's. Every store operation is the Redis store's own, and so are its
 * reads as a cache tier ({@link CacheTierReads}).
 */
final class AnnouncingRedisStore extends ForwardingKeyValueStore implements ChangeNotifier, CacheTierReads {
    private final RedisChangeNotifier notifier;
    private final RedisStore store;

    AnnouncingRedisStore(RedisStore store, RedisChangeNotifier notifier) {
        super(store.toString(), store);
        this.store = store;
        this.notifier = notifier;
    }

    @Override
    public boolean boundsReads() {
        return store.boundsReads();
    }

    @Override
    public Optional<byte[]> findWithin(String key, Duration deadline) {
        ensureOpen();
        return store.findWithin(key, deadline);
    }

    @Override
    public Optional<byte[]> findOrPut(String key, byte[] value, Duration ttl, Duration deadline) {
        ensureOpen();
        return store.findOrPut(key, value, ttl, deadline);
    }

    @Override
    public Optional<Parts> findOrPut(String key, byte[] value, Duration ttl, Duration deadline, int headLength) {
        ensureOpen();
        return store.findOrPut(key, value, ttl, deadline, headLength);
    }

    /** @return the pub/sub channel of this namespace */
    String channel() {
        return notifier.channel();
    }

    @Override
    public void announce(Collection<String> keys) {
        ensureOpen();
        notifier.announce(keys);
    }

    @Override
    public AutoCloseable listen(Listener listener) {
        ensureOpen();
        return notifier.listen(listener);
    }
}
