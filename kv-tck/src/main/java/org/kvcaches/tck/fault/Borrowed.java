package org.kvcaches.tck.fault;

import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.spi.ForwardingKeyValueStore;

/**
 * A store lent to a chain under test: closing the chain closes this view, never the store, which the
 * contract still empties and closes itself after the test.
 */
final class Borrowed extends ForwardingKeyValueStore {
    Borrowed(KeyValueStore store) {
        super(store.toString(), store);
    }

    @Override
    protected void doClose() {
        // the lender closes the store
    }
}
