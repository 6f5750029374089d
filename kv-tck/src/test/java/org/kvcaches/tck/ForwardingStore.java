package org.kvcaches.tck;

import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.spi.ForwardingKeyValueStore;

/** A correct store that forwards every hook to a {@code mem:} store; each planted defect overrides one hook. */
class ForwardingStore extends ForwardingKeyValueStore {
    /** The {@code mem:} store below, for defects that call it directly. */
    final KeyValueStore inner;

    ForwardingStore(String description) {
        this(description, KeyValueStores.open("mem:"));
    }

    private ForwardingStore(String description, KeyValueStore inner) {
        super(description, inner);
        this.inner = inner;
    }
}
