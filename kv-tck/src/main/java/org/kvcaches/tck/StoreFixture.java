package org.kvcaches.tck;

import java.util.List;
import java.util.Map;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyValueStore;

/**
 * What a backend gives the TCK: fresh stores, each in its own namespace, and the server behind them.
 *
 * <p>One fixture is created per test class (through {@link StoreContract#fixture()}) and closed after
 * the class; it owns the server's lifecycle (start it in the constructor or lazily, stop it in
 * {@link #close()}). For each test the TCK calls {@link #newStore()}, runs the test, deletes every
 * key the test left through the store's own API and checks the namespace lists empty, closes the
 * store, calls {@link #cleanUp(KeyValueStore)}, and finally fails the test if {@link #leftovers()}
 * reports anything (temp files, open connections, unclosed streams).
 *
 * <p>A fixture that cannot reach its server must throw from {@link #newStore()} with a message that
 * says how to provide one: the TCK reports that as a failure, never as a skip.
 */
public interface StoreFixture extends AutoCloseable {
    /** 64 MiB: the default size of the streamed large value. */
    long DEFAULT_LARGE_VALUE_SIZE = 64L << 20;

    /**
     * @return a new, open, empty store in a namespace no other test uses
     */
    KeyValueStore newStore();

    /**
     * Called after each test, once the store is emptied and closed; removes whatever the namespace
     * still holds outside the store's API (a directory, a database, a bucket).
     *
     * @param store the closed store of the test
     */
    default void cleanUp(KeyValueStore store) {
    }

    /**
     * Things a well-behaved store leaves nothing of, checked after {@link #cleanUp(KeyValueStore)}:
     * temp files, open connections, unclosed streams.
     *
     * @return a description of each leftover; empty when clean
     */
    default List<String> leftovers() {
        return List.of();
    }

    /**
     * @return the number of keys the store reads per listing page, or 0 when it does not page; the
     *     listing tests write page size - 1, page size and page size + 1 keys
     */
    default int listingPageSize() {
        return 0;
    }

    /**
     * @return the size of the value the streaming tests put and read back without holding it in
     *     memory; choose it above the heap the test JVM allows to prove bounded memory
     */
    default long largeValueSize() {
        return DEFAULT_LARGE_VALUE_SIZE;
    }

    /**
     * Capabilities the store reports that the TCK should not test against this fixture's server,
     * each with the reason (for example an emulator's known gap). The reason is printed and shown
     * in the skip message of each test it turns off.
     *
     * @return the narrowed capabilities and why
     */
    default Map<Capability, String> narrowedCapabilities() {
        return Map.of();
    }

    /**
     * @return secrets of this fixture (passwords, keys) that must never appear in a store's
     *     {@code toString()} or in an exception message
     */
    default List<String> secrets() {
        return List.of();
    }

    /** Stops whatever the fixture started. */
    @Override
    default void close() {
    }
}
