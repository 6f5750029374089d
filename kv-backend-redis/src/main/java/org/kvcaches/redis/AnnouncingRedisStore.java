package org.kvcaches.redis;

import java.util.Collection;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.spi.ChangeNotifier;
import org.kvcaches.api.spi.ForwardingKeyValueStore;

/**
 * A Redis store that also carries change announcements for its namespace, so that a chain can use it
 * as a shared tier that notifies: the cache decorator of every process announces its writes here and
 * listens for everyone else's. Every store operation is the Redis store's own.
 */
final class AnnouncingRedisStore extends ForwardingKeyValueStore implements ChangeNotifier {
    private final RedisChangeNotifier notifier;

    AnnouncingRedisStore(KeyValueStore store, RedisChangeNotifier notifier) {
        super(store.toString(), store);
        this.notifier = notifier;
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
