package org.kvcaches.api;

/**
 * The portable key rules, checked in one place for every store.
 *
 * <p>A key is 1 to {@value #MAX_LENGTH} printable ASCII characters ({@code !} to {@code ~}, 0x21 to
 * 0x7E): no space, no control or non-ASCII character. {@code /} separates hierarchy levels, so a key
 * may not start or end with {@code /}, contain {@code //}, or have a segment that is {@code .} or
 * {@code ..}. Both {@code a} and {@code a/b} may exist at once. Because every store accepts exactly
 * these keys, data can be copied from any store to any other.
 */
public final class Keys {
    /** The longest key, in characters. */
    public static final int MAX_LENGTH = 250;

    private Keys() {
    }

    /**
     * Checks a key against the rules.
     *
     * @param key the key to check
     * @return the key, unchanged
     * @throws InvalidKeyException naming the key and the rule it breaks
     */
    public static String requireValid(String key) {
        String problem = problem(key);
        if (problem != null) {
            throw new InvalidKeyException(key, problem);
        }
        return key;
    }

    /**
     * @param key the key to check, may be {@code null}
     * @return whether {@link #requireValid(String)} accepts it
     */
    public static boolean isValid(String key) {
        return problem(key) == null;
    }

    /**
     * Checks a listing prefix: {@code ""} or up to {@value #MAX_LENGTH} characters from the key
     * alphabet. A prefix need not be a whole key ({@code "a/"} and {@code "a/b"} are both fine).
     *
     * @param prefix the prefix to check
     * @return the prefix, unchanged
     * @throws InvalidKeyException naming the prefix and the rule it breaks
     */
    public static String requireValidPrefix(String prefix) {
        if (prefix == null) {
            throw new InvalidKeyException(null, "a prefix must not be null; use \"\" for all keys");
        }
        if (prefix.length() > MAX_LENGTH) {
            throw new InvalidKeyException(prefix, "a prefix is at most " + MAX_LENGTH + " characters, this one has " + prefix.length());
        }
        String chars = characterProblem(prefix);
        if (chars != null) {
            throw new InvalidKeyException(prefix, chars);
        }
        return prefix;
    }

    private static String problem(String key) {
        if (key == null) {
            return "a key must not be null";
        }
        if (key.isEmpty()) {
            return "a key must not be empty";
        }
        if (key.length() > MAX_LENGTH) {
            return "a key is at most " + MAX_LENGTH + " characters, this one has " + key.length();
        }
        String chars = characterProblem(key);
        if (chars != null) {
            return chars;
        }
        if (key.charAt(0) == '/') {
            return "a key must not start with '/'";
        }
        if (key.charAt(key.length() - 1) == '/') {
            return "a key must not end with '/'";
        }
        if (key.contains("//")) {
            return "a key must not contain '//' (an empty segment)";
        }
        // Most keys have no dot: skip the split, which every read and write of every store pays for.
        if (key.indexOf('.') >= 0) {
            for (String segment : key.split("/", -1)) {
                if (segment.equals(".") || segment.equals("..")) {
                    return "a key must not have a '" + segment + "' segment";
                }
            }
        }
        return null;
    }

    private static String characterProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                String what = c == ' ' ? "a space" : (c < 0x20 || c == 0x7F) ? "a control character" : "a non-ASCII character";
                return "character " + i + " is " + what + String.format(" (U+%04X)", (int) c)
                        + "; only printable ASCII '!' to '~' is allowed";
            }
        }
        return null;
    }
}
