package org.kvcaches.api.internal;

/**
 * Bounds how much of an input a message quotes, so that a 10 MB URI or option value gives a short
 * message, not a 10 MB one. Redact secrets first: an excerpt may cut a secret in half.
 */
public final class Excerpt {
    /** The most characters of a URI that its description and messages show. */
    public static final int URI = 1000;
    /** The most characters of an option name or value that a message shows. */
    public static final int VALUE = 100;

    private Excerpt() {
    }

    /**
     * @param text the input, secrets already redacted
     * @param max the most characters to keep
     * @return the text, or its first {@code max} characters followed by how many there were
     */
    public static String of(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "...(" + text.length() + " characters)";
    }
}
