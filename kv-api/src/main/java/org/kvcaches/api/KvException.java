package org.kvcaches.api;

/**
 * The base class of every failure a store reports while doing I/O: an unreachable server, wrong
 * credentials, a full disk, a missing bucket. Unchecked, because a caller can rarely do more than
 * report it; the cause, when there is one, is the exception of the underlying client.
 *
 * <p>Messages say what failed and what to check, and never contain a password or secret.
 */
public class KvException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and what to check; must not contain secrets
     */
    public KvException(String message) {
        super(message);
    }

    /**
     * @param message what failed and what to check; must not contain secrets
     * @param cause the underlying failure, may be {@code null}
     */
    public KvException(String message, Throwable cause) {
        super(message, cause);
    }
}
