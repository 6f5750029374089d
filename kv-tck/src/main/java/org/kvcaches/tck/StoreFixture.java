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
 * {@link #close()}). For each test the TCK, in this order:
 * <ol>
 *   <li>calls {@link #newStore()} (before the test when a capability decides whether it runs; a
 *       skipped test's store is closed and cleaned up at once);</li>
 *   <li>runs the test;</li>
 *   <li>deletes every key the test left through the store's own API, checks that the namespace lists
 *       empty, and closes the store;</li>
 *   <li>asks {@link #leftovers()} what remains (temp files, open connections, unclosed streams)
 *       <em>before</em> any cleanup, so a temp file leaked by a failed stream is caught even when
 *       {@link #cleanUp(KeyValueStore)} deletes the whole namespace folder;</li>
 *   <li>calls {@link #cleanUp(KeyValueStore)}, also when the test or a check failed;</li>
 *   <li>fails the test if step 3 or 4 found anything, naming the test's own store.</li>
 * </ol>
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
     * Called after each test, once the store is emptied and closed and {@link #leftovers()} has been
     * asked; removes whatever the namespace still holds outside the store's API (a directory, a
     * database, a bucket). It may delete everything: leaks are found before it runs.
     *
     * @param store the closed store of the test
     */
    default void cleanUp(KeyValueStore store) {
    }

    /**
     * Things a well-behaved store leaves nothing of, checked after the store is closed and
     * <em>before</em> {@link #cleanUp(KeyValueStore)}: temp files, open connections, unclosed streams.
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
     *     memory; the bounded-memory tests fail a store that holds half of it in the heap at once, so
     *     keep it at least twice the buffers your store keeps (a multipart upload's parts, say)
     */
    default long largeValueSize() {
        return DEFAULT_LARGE_VALUE_SIZE;
    }

    /**
     * Why this fixture's stores keep their values in the test JVM's heap ({@code mem:}, a heap cache,
     * Commons VFS {@code ram:}), or {@code null}, the default, when they keep them elsewhere. Such a
     * store cannot take a streamed put in bounded memory, so that check is skipped with this reason;
     * reads are still checked.
     *
     * @return the reason, or {@code null}
     */
    default String valuesOnTheHeap() {
        return null;
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
