package org.kvcaches.api.spi;

import java.util.List;
import org.kvcaches.api.KeyValueStore;

/**
 * Builds one store out of a tier chain such as {@code heap://?maxBytes=64MiB | s3://bucket}. Found
 * through {@link java.util.ServiceLoader}; {@code kv-cache} provides the implementation. Without one,
 * opening a chain of more than one tier fails with a message naming {@code org.kvcaches:kv-cache};
 * with two, it fails naming both.
 *
 * <p>A cache tier's URI may carry options for the cache that the tier forms with the tiers below it,
 * named with {@link #OPTION_PREFIX} ({@code heap://?maxBytes=64MiB&cache.entryTtl=5m | file:///d}).
 * {@link org.kvcaches.api.KeyValueStores} checks them against {@link #options()} before any tier is
 * opened, and refuses them on the last (authoritative) tier and on a single store.
 */
public interface TierComposer {
    /** What the names of the options a cache tier gives its cache start with. */
    String OPTION_PREFIX = "cache.";

    /**
     * @return the options a cache tier of a chain accepts, each named with {@link #OPTION_PREFIX};
     *     empty by default
     */
    default List<StoreOption<?>> options() {
        return List.of();
    }

    /**
     * Composes opened tiers into one store. On failure the composer does not close the tiers; the
     * caller does.
     *
     * @param uris the parsed URI of each tier, fastest first, authoritative last; at least two; their
     *     {@link #OPTION_PREFIX} options have been checked against {@link #options()}
     * @param tiers the opened store of each tier, in the same order
     * @return a store that reads through the tiers and closes them all when it is closed
     * @throws org.kvcaches.api.StoreUriException when the tiers' options do not fit together
     */
    KeyValueStore compose(List<StoreUri> uris, List<KeyValueStore> tiers);
}
