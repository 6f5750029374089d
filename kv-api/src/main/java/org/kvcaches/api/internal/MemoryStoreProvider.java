package org.kvcaches.api.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.StoreUriException;
import org.kvcaches.api.spi.StoreProvider;
import org.kvcaches.api.spi.StoreUri;

/**
 * Serves {@code mem:}. {@code mem:} opens a private, empty store; {@code mem://name} opens a store
 * whose data is shared by every open {@code mem://name} store in the JVM and dropped when the last of
 * them is closed.
 */
public final class MemoryStoreProvider implements StoreProvider {
    private static final Map<String, Shared> NAMED = new HashMap<>();

    /** The data of one name and how many open stores use it. */
    private static final class Shared {
        final ConcurrentMap<String, MemoryStore.Entry> data = MemoryStore.newData();
        int users;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("mem");
    }

    @Override
    public Optional<String> artifact() {
        return Optional.of("org.kvcaches:kv-api");
    }

    /** @return true for {@code mem:}, which is new and private at every open; {@code mem://name} is shared */
    @Override
    public boolean opensPrivateStore(StoreUri uri) {
        return !uri.hasAuthority();
    }

    @Override
    public KeyValueStore open(StoreUri uri) {
        if (!uri.hasAuthority()) {
            if (!uri.path().isEmpty()) {
                throw new StoreUriException("store URI '" + uri + "' has a path; use mem: for a private store or mem://NAME for a shared one");
            }
            return new MemoryStore("mem:", MemoryStore.newData(), () -> { });
        }
        if (uri.user().isPresent() || uri.hosts().size() != 1 || uri.port() >= 0 || !uri.path().isEmpty()) {
            throw new StoreUriException("store URI '" + uri + "' is not of the form mem://NAME (a name only: no user, port, path or second name)");
        }
        String name = uri.host();
        Shared shared;
        synchronized (NAMED) {
            shared = NAMED.computeIfAbsent(name, n -> new Shared());
            shared.users++;
        }
        Shared mine = shared;
        return new MemoryStore("mem://" + name, mine.data, () -> {
            synchronized (NAMED) {
                if (--mine.users == 0) {
                    NAMED.remove(name, mine);
                }
            }
        });
    }
}
