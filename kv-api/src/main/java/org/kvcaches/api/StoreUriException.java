package org.kvcaches.api;

/**
 * Thrown by {@link KeyValueStores#open(String)} when a store URI cannot be used: it is malformed,
 * names a scheme no provider serves, or carries an unknown or badly typed option. The message says
 * what to change and never contains a password or secret.
 */
public class StoreUriException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong and what to do; must not contain secrets
     */
    public StoreUriException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and what to do; must not contain secrets
     * @param cause the underlying failure
     */
    public StoreUriException(String message, Throwable cause) {
        super(message, cause);
    }
}
