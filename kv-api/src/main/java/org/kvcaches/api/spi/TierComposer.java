package org.kvcaches.api.spi;

import java.util.List;
import org.kvcaches.api.KeyValueStore;

/**
 * Builds one store out of a tier chain such as {@code heap://?maxBytes=64MiB | s3://bucket}. Found
 * through {@link java.util.ServiceLoader}; {@code kv-cache} provides the implementation. Without one,
 * opening a chain of more than one tier fails with a message naming {@code org.kvcaches:kv-cache}.
 */
public interface TierComposer {

    /**
     * Composes opened tiers into one store. On failure the composer does not close the tiers; the
     * caller does.
     *
     * @param uris the parsed URI of each tier, fastest first, authoritative last; at least two
     * @param tiers the opened store of each tier, in the same order
     * @return a store that reads through the tiers and closes them all when it is closed
     */
    KeyValueStore compose(List<StoreUri> uris, List<KeyValueStore> tiers);
}
