package org.kvcaches.api;

/**
 * Thrown before any I/O when a key (or a listing prefix) breaks the portable key rules of
 * {@link Keys}. The message names the key and the rule it breaks.
 */
public class InvalidKeyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The rejected key, possibly {@code null}. */
    private final String key;

    /**
     * @param key the rejected key, may be {@code null}
     * @param rule the rule it breaks, in words
     */
    public InvalidKeyException(String key, String rule) {
        super("invalid key " + describe(key) + ": " + rule);
        this.key = key;
    }

    /**
     * @return the rejected key, possibly {@code null}
     */
    public String key() {
        return key;
    }

    private static String describe(String key) {
        if (key == null) {
            return "null";
        }
        StringBuilder shown = new StringBuilder("'");
        int limit = Math.min(key.length(), 300);
        for (int i = 0; i < limit; i++) {
            char c = key.charAt(i);
            if (c >= 0x20 && c <= 0x7E) {
                shown.append(c);
            } else {
                shown.append(String.format("\\u%04X", (int) c));
            }
        }
        if (limit < key.length()) {
            shown.append("...");
        }
        return shown.append("'").toString();
    }
}
