package org.kvcaches.api;

/** Thrown by reads, {@code copy} and {@code move} when the key has no value in the store. */
public class KeyNotFoundException extends KvException {
    private static final long serialVersionUID = 1L;

    /** The key that has no value, for callers that handle the miss. */
    private final String key;

    /**
     * @param key the key that has no value
     */
    public KeyNotFoundException(String key) {
        super("key not found: '" + key + "'");
        this.key = key;
    }

    /**
     * @return the key that has no value
     */
    public String key() {
        return key;
    }
}
