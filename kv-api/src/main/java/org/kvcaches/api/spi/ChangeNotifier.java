package org.kvcaches.api.spi;

import java.util.Collection;

/**
 * What a shared store offers when it can tell every process that uses it about writes: a cache tier
 * that other processes also see and that carries notifications (Redis), as opposed to one that is
 * private to this process ({@code heap:}) or shared but silent ({@code file:}, S3). A cache decorator
 * whose cache tier is private to the process announces every write it makes through the nearest
 * such store below it, and listens there for the writes of every other process, so that it can drop
 * their keys from its private tier.
 *
 * <p>Announcements are sent per write, never per read or fill. Delivery is at most once: a
 * listener that loses its link may have missed announcements, and is told so
 * ({@link Listener#linkLost}, then {@link Listener#linkUp} once it listens again), so that it can
 * distrust what it holds. Implementations are thread-safe.
 */
public interface ChangeNotifier {

    /**
     * Tells every listener of this namespace, in every process, that the keys changed.
     *
     * @param keys valid keys that a write changed (one announcement for all of them)
     * @throws org.kvcaches.api.KvException when the announcement could not be sent; it may then be
     *     retried
     */
    void announce(Collection<String> keys);

    /**
     * Starts listening to the announcements of this namespace made by other processes (and other
     * notifier instances), on a thread of the notifier's own, reconnecting after a lost link until
     * the returned handle is closed.
     *
     * @param listener called for each announced key and for each change of the link
     * @return the handle that stops listening
     */
    AutoCloseable listen(Listener listener);

    /** What a {@link #listen} caller is told. Called from the notifier's thread; must not block long. */
    interface Listener {

        /**
         * @param key a key another process announced
         * @param sentAtMillis when it was announced, by the announcer's clock ({@link System#currentTimeMillis()})
         */
        void changed(String key, long sentAtMillis);

        /** Listening has started, or started again after a lost link: announcements from now on are delivered. */
        void linkUp();

        /**
         * The link is lost, or its health cannot be proven: announcements may be missed until
         * {@link #linkUp}.
         *
         * @param cause why
         */
        void linkLost(Exception cause);
    }
}
