package org.kvcaches.api;

import java.util.Objects;

/**
 * One entry of {@link KeyValueStore#list(String)}: a key and its value's metadata, as the listing
 * found them.
 *
 * @param key the key
 * @param info the value's metadata
 */
public record ListedValue(String key, ValueInfo info) {
    /**
     * @param key the key, not null
     * @param info the value's metadata, not null
     */
    public ListedValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(info, "info");
    }
}
