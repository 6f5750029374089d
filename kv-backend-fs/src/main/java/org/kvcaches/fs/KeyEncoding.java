package org.kvcaches.fs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Maps key segments to file names and back, injectively, for Linux, macOS and Windows file systems,
 * case-sensitive or not.
 *
 * <p>Each {@code /}-separated segment of a key is encoded on its own: {@code a-z}, {@code 0-9},
 * {@code -}, {@code _} and {@code .} stay as they are; every other character (upper-case letters
 * included) becomes {@code %XX} with upper-case hex digits. A trailing {@code .} and the first
 * character of a Windows device name ({@code CON}, {@code NUL}, {@code COM1}, ... with or without an
 * extension) are escaped too. Because {@code %} always starts a three-character escape and literal
 * characters are lower case, two keys never map to names that are equal even after case folding.
 *
 * <p>A value is a file with the encoded name; the folder holding the keys below a segment has the
 * encoded name followed by {@value #FOLDER_SUFFIX}, so {@code a} and {@code a/b} coexist. Names
 * starting with {@value #TEMP_PREFIX} are temp files of writes in progress; the encoding never makes
 * a name with {@code ~}, so they are never mistaken for keys. Decoding accepts only names the
 * encoding makes, so files left in the root by others are never listed as keys.
 *
 * <p>An encoded segment longer than {@value #MAX_PLAIN} characters (a 250-character upper-case
 * segment encodes to 750) does not fit the usual 255-byte limit on a file name, so it is cut, without
 * splitting an escape, into parts of at most {@value #MAX_PART} characters, each as long as possible:
 * every part but the last names a folder that ends with {@value #CONTINUED}, every part but the first
 * starts with {@value #CONTINUED}, and the last carries the value file or the {@code ~} folder. So a
 * long segment is a chain of folders whose names, joined, are its encoding: nothing is lost (listing
 * reads the key back from the names), and the mapping stays injective because the encoding never
 * makes {@code +} and the cut is fixed by the length.
 */
final class KeyEncoding {
    /** Ends every folder name. */
    static final String FOLDER_SUFFIX = "~";
    /** Starts every temp file name. */
    static final String TEMP_PREFIX = "~tmp-";
    /** Ends every folder holding the rest of a long name, and starts every name inside one. */
    static final char CONTINUED = '+';
    /** The longest encoded segment kept as one name; one character is left for the folder suffix. */
    static final int MAX_PLAIN = 254;
    /** The longest part of a cut name: room for a {@code +} before and a {@code +} or {@code ~} after. */
    static final int MAX_PART = 253;

    private static final Set<String> DEVICE_NAMES = Set.of("con", "prn", "aux", "nul",
            "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private KeyEncoding() {
    }

    /**
     * @param segment a non-empty segment of a valid key
     * @return its file name
     */
    static String encode(String segment) {
        int dot = segment.indexOf('.');
        String base = dot < 0 ? segment : segment.substring(0, dot);
        // Device names are 3 or 4 characters; checking the length first keeps the common case cheap.
        boolean device = (base.length() == 3 || base.length() == 4) && DEVICE_NAMES.contains(base.toLowerCase(Locale.ROOT));
        int last = segment.length() - 1;
        if (!device && segment.charAt(last) != '.' && allPlain(segment)) {
            return segment; // the usual lower-case key needs no copy
        }
        StringBuilder name = new StringBuilder(segment.length() + 8);
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (plain(c) && !(c == '.' && i == last) && !(device && i == 0)) {
                name.append(c);
            } else {
                name.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return name.toString();
    }

    private static boolean allPlain(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            if (!plain(segment.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean plain(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    }

    /**
     * @param name a file name made by {@link #encode(String)}
     * @return the segment, or {@code null} when the name is not one the encoding makes
     */
    static String decode(String name) {
        if (name.length() > MAX_PLAIN) {
            return null;
        }
        String segment = unescape(name);
        // Names put there by someone else (an upper-case letter, "%4b", "con") decode to a key whose
        // value file has another name; listing them would show keys that cannot be read.
        return segment != null && encode(segment).equals(name) ? segment : null;
    }

    /**
     * @param name the encoded segment, or a run of whole parts of it
     * @return the characters it stands for, or {@code null} when it is not well formed
     */
    static String unescape(String name) {
        StringBuilder segment = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%') {
                if (i + 2 >= name.length()) {
                    return null;
                }
                int high = Character.digit(name.charAt(i + 1), 16);
                int low = Character.digit(name.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                segment.append((char) (high * 16 + low));
                i += 2;
            } else if (c == '~' || c == CONTINUED) {
                return null;
            } else {
                segment.append(c);
            }
        }
        return segment.isEmpty() ? null : segment.toString();
    }

    /**
     * Cuts an encoded segment longer than {@link #MAX_PLAIN} into its parts.
     *
     * @param encoded an encoded segment
     * @return its parts, the longest first; one part when it fits one name
     */
    static List<String> parts(String encoded) {
        if (encoded.length() <= MAX_PLAIN) {
            return List.of(encoded);
        }
        List<String> parts = new ArrayList<>();
        int from = 0;
        while (encoded.length() - from > MAX_PART) {
            int to = from + MAX_PART;
            // Never cut inside "%XX": the two characters after a '%' belong to it.
            if (encoded.charAt(to - 1) == '%') {
                to -= 1;
            } else if (encoded.charAt(to - 2) == '%') {
                to -= 2;
            }
            parts.add(encoded.substring(from, to));
            from = to;
        }
        parts.add(encoded.substring(from));
        return parts;
    }

    /**
     * @param parts the names of a cut segment, without their {@code +} marks, as found on disk
     * @return the segment, or {@code null} when the encoding would not cut that segment this way
     */
    static String decodeParts(List<String> parts) {
        String encoded = String.join("", parts);
        String segment = unescape(encoded);
        return segment != null && encode(segment).equals(encoded) && parts(encoded).equals(parts) ? segment : null;
    }

    /** Appends a segment's path: one name, or the chain of folders of a long one, then the suffix. */
    private static void appendSegment(StringBuilder path, String segment, String suffix) {
        List<String> parts = parts(encode(segment));
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                path.append(CONTINUED);
            }
            path.append(parts.get(i));
            path.append(i < parts.size() - 1 ? CONTINUED + "/" : suffix);
        }
    }

    /**
     * @param key a valid key
     * @return the relative path of its value file, {@code /}-separated
     */
    static String valuePath(String key) {
        String[] segments = key.split("/");
        StringBuilder path = new StringBuilder(key.length() + 16);
        for (int i = 0; i < segments.length - 1; i++) {
            appendSegment(path, segments[i], FOLDER_SUFFIX);
            path.append('/');
        }
        appendSegment(path, segments[segments.length - 1], "");
        return path.toString();
    }

    /**
     * @param keyPrefix a key prefix ending with {@code /}, or {@code ""}
     * @return the relative path of the folder holding the keys below it, {@code ""} for the root, or
     *     {@code null} when no key can be below it (an empty segment)
     */
    static String folderPath(String keyPrefix) {
        if (keyPrefix.isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (String segment : keyPrefix.substring(0, keyPrefix.length() - 1).split("/", -1)) {
            if (segment.isEmpty()) {
                return null;
            }
            if (path.length() > 0) {
                path.append('/');
            }
            appendSegment(path, segment, FOLDER_SUFFIX);
        }
        return path.toString();
    }
}
