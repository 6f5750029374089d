package org.kvcaches.api.spi;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One option that a store URI (or a cache tier of a chain) accepts: its name, type, allowed range,
 * documented default, one-line description and whether its value is a secret. Providers declare
 * their options once, as constants, and return them from {@link StoreProvider#options(String)};
 * {@link org.kvcaches.api.KeyValueStores} checks every given option against them before a provider
 * opens anything, and tools such as {@code kv info --options} print them. A provider reads a value
 * with {@link StoreOptions#get(StoreOption)} and hands it to its builder; the default lives in the
 * builder, and the descriptor documents it with {@link #withDefault(Object)} from the same constant.
 *
 * <p>Immutable and thread-safe: the {@code with...} methods return a new descriptor. Every size and
 * duration option refuses negative values and overflow; by default it also refuses zero (which
 * would mean "nothing" or "forever") and durations over {@link #DEFAULT_MAX_DURATION}.
 *
 * <pre>{@code
 * static final StoreOption<Duration> TIMEOUT = StoreOption.duration("timeout", "connect and read timeout")
 *         .range(Duration.ofMillis(1), Duration.ofDays(24)).withDefault(DEFAULT_TIMEOUT);
 * }</pre>
 *
 * @param <T> the type of a value: {@link Long} (bytes) for sizes, {@link Duration}, {@link Boolean},
 *     {@link Integer}, {@link Double} for fractions and {@link String} (for strings and choices)
 */
public final class StoreOption<T> {
    /** The longest duration an option takes unless it declares its own range: long enough for any timeout or age, short enough to fit nanoseconds. */
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofDays(365);

    /** What kind of value an option takes, and so how it is written in a URI. */
    public enum Type {
        /** Bytes with an optional unit: {@code 1024}, {@code 64KiB}, {@code 8MiB}, {@code 1GiB}, {@code 10MB}. */
        SIZE,
        /** A length of time with a unit ({@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}) or ISO-8601. */
        DURATION,
        /** {@code true}, {@code false}, {@code yes}, {@code no}, {@code on}, {@code off}, {@code 1}, {@code 0}, or empty for true. */
        FLAG,
        /** One of a fixed list of words, in any case. */
        CHOICE,
        /** A whole number in a range. */
        INTEGER,
        /** A decimal number from 0 to 1, such as {@code 0.01}: a rate or share. */
        FRACTION,
        /** Free text, optionally matching a pattern. */
        STRING
    }

    private final String name;
    private final Type type;
    private final String doc;
    private final T min;
    private final T max;
    private final List<String> choices;
    private final Pattern pattern;
    private final String patternExample;
    private final T defaultValue;
    private final String defaultText;
    private final boolean secret;

    private StoreOption(String name, Type type, String doc, T min, T max, List<String> choices, Pattern pattern,
                        String patternExample, T defaultValue, String defaultText, boolean secret) {
        this.name = name;
        this.type = type;
        this.doc = doc;
        this.min = min;
        this.max = max;
        this.choices = choices;
        this.pattern = pattern;
        this.patternExample = patternExample;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.secret = secret;
    }

    private static <T> StoreOption<T> of(String name, Type type, String doc, T min, T max, List<String> choices) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(doc, "doc");
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != '=' && c != '&')) {
            throw new IllegalArgumentException("an option name is printable ASCII without '=' or '&', got '" + name + "'");
        }
        return new StoreOption<>(name, type, doc, min, max, choices, null, null, null, null,
                StoreUri.isSecretOption(name));
    }

    /**
     * @param name the option's name in the query
     * @param doc what it does, in one line
     * @return a size option taking 1 byte up to {@link Long#MAX_VALUE} bytes
     */
    public static StoreOption<Long> size(String name, String doc) {
        return of(name, Type.SIZE, doc, 1L, Long.MAX_VALUE, List.of());
    }

    /**
     * @param name the option's name in the query
     * @param doc what it does, in one line
     * @return a duration option taking 1 ms up to {@link #DEFAULT_MAX_DURATION}
     */
    public static StoreOption<Duration> duration(String name, String doc) {
        return of(name, Type.DURATION, doc, Duration.ofMillis(1), DEFAULT_MAX_DURATION, List.of());
    }

    /**
     * @param name the option's name in the query
     * @param doc what it does, in one line
     * @return a flag option
     */
    public static StoreOption<Boolean> flag(String name, String doc) {
        return of(name, Type.FLAG, doc, null, null, List.of());
    }

    /**
     * @param name the option's name in the query
     * @param min the smallest value allowed
     * @param max the largest value allowed
     * @param doc what it does, in one line
     * @return an integer option
     */
    public static StoreOption<Integer> integer(String name, int min, int max, String doc) {
        if (min > max) {
            throw new IllegalArgumentException("option '" + name + "': min " + min + " is over max " + max);
        }
        return of(name, Type.INTEGER, doc, min, max, List.of());
    }

    /**
     * @param name the option's name in the query
     * @param doc what it does, in one line
     * @return an option taking a decimal number from 0 to 1, such as a sampling rate
     */
    public static StoreOption<Double> fraction(String name, String doc) {
        return of(name, Type.FRACTION, doc, 0.0, 1.0, List.of());
    }

    /**
     * @param name the option's name in the query
     * @param doc what it does, in one line
     * @return a free-text option
     */
    public static StoreOption<String> string(String name, String doc) {
        return of(name, Type.STRING, doc, null, null, List.of());
    }

    /**
     * @param name the option's name in the query
     * @param values the words allowed, spelled as they are documented; matched ignoring case
     * @param doc what it does, in one line
     * @return a choice option whose value is the allowed word as spelled here
     */
    public static StoreOption<String> choice(String name, List<String> values, String doc) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("option '" + name + "' needs at least one choice");
        }
        return of(name, Type.CHOICE, doc, null, null, List.copyOf(values));
    }

    /**
     * Narrows the values a size, duration or integer option takes.
     *
     * @param least the smallest value allowed; zero is allowed only when it means something
     * @param most the largest value allowed
     * @return a copy with that range
     * @throws IllegalArgumentException when the range is empty, negative or the type has no range
     */
    public StoreOption<T> range(T least, T most) {
        if (min == null) {
            throw new IllegalArgumentException("option '" + name + "' is a " + typeName() + " and has no range");
        }
        if (compare(least, most) > 0 || compare(least, zero()) < 0) {
            throw new IllegalArgumentException("option '" + name + "': range " + format(least) + ".." + format(most)
                    + " is empty or negative");
        }
        StoreOption<T> narrowed = new StoreOption<>(name, type, doc, least, most, choices, pattern, patternExample, null,
                defaultValue == null ? defaultText : null, secret);
        return defaultValue == null ? narrowed : narrowed.withDefault(defaultValue);
    }

    /**
     * Requires a string option's value to match a pattern.
     *
     * @param regex the whole value must match it
     * @param example what a good value looks like, for the error message
     * @return a copy with that check
     */
    public StoreOption<T> matching(String regex, String example) {
        if (type != Type.STRING) {
            throw new IllegalArgumentException("option '" + name + "' is a " + typeName() + ", not a string");
        }
        return new StoreOption<>(name, type, doc, min, max, choices, Pattern.compile(regex), Objects.requireNonNull(example),
                defaultValue, defaultText, secret);
    }

    /**
     * Documents the default, taken from the constant the builder uses, so that it is written once.
     *
     * @param value the value used when the option is not given
     * @return a copy with that default
     * @throws IllegalArgumentException when the default itself is outside the option's range
     */
    public StoreOption<T> withDefault(T value) {
        Objects.requireNonNull(value, "value");
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException("option '" + name + "': default " + format(value) + " is not " + problem);
        }
        return new StoreOption<>(name, type, doc, min, max, choices, pattern, patternExample, value, format(value), secret);
    }

    /**
     * Documents a default that depends on other settings, such as "true with several hosts".
     *
     * @param description the default in words
     * @return a copy with that description and no typed default
     */
    public StoreOption<T> withDefaultText(String description) {
        return new StoreOption<>(name, type, doc, min, max, choices, pattern, patternExample, null,
                Objects.requireNonNull(description, "description"), secret);
    }

    /**
     * Marks the value as a secret, never shown in messages or listings. The name must be one that
     * URI redaction recognises (containing {@code password}, {@code secret}, {@code token},
     * {@code credential}, {@code apikey} or {@code sessionkey}), so that the URI's text hides it too;
     * such names are secret without this call.
     *
     * @return this descriptor
     * @throws IllegalArgumentException when redaction would not recognise the name
     */
    public StoreOption<T> secret() {
        if (!secret) {
            throw new IllegalArgumentException("option '" + name + "' cannot be secret: URI redaction would still show it;"
                    + " give it a name containing password, secret, token, credential, apikey or sessionkey");
        }
        return this;
    }

    /** @return the option's name in the query */
    public String name() {
        return name;
    }

    /** @return the kind of value it takes */
    public Type type() {
        return type;
    }

    /** @return what it does, in one line */
    public String doc() {
        return doc;
    }

    /** @return whether its value is a secret that is never shown */
    public boolean isSecret() {
        return secret;
    }

    /** @return the default when the provider's builder applies a fixed one */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** @return the default as documented: a value in URI form ({@code 8MiB}), words, or {@code none} */
    public String defaultText() {
        return defaultText != null ? defaultText : "none";
    }

    /** @return the words a choice option allows, as documented; empty for other types */
    public List<String> choices() {
        return choices;
    }

    /**
     * @return the type as a tool prints it, with its range when it is narrower than the type's own:
     *     {@code size 5MiB..2GiB}, {@code integer 1..64}, {@code duration}, {@code flag},
     *     {@code whenSupported|whenRequired} (or {@code choice} when the words are too many to show
     *     here; {@link #help()} lists them then), {@code string}
     */
    public String typeText() {
        switch (type) {
            case CHOICE:
                return longChoice() ? "choice" : String.join("|", choices);
            case INTEGER:
                return "integer " + min + ".." + max;
            case FRACTION:
                return "fraction " + min + ".." + max;
            case SIZE:
                return (Long) min == 1L && (Long) max == Long.MAX_VALUE ? "size" : "size " + format(min) + ".." + format(max);
            case DURATION:
                return min.equals(Duration.ofMillis(1)) && max.equals(DEFAULT_MAX_DURATION) ? "duration"
                        : "duration " + format(min) + ".." + format(max);
            default:
                return typeName();
        }
    }

    /**
     * @return the one-line doc, followed by the allowed words of a choice whose {@link #typeText()}
     *     cannot show them
     */
    public String help() {
        return longChoice() ? doc + "; one of " + String.join(", ", choices) : doc;
    }

    private boolean longChoice() {
        return type == Type.CHOICE && String.join("|", choices).length() > 40;
    }

    /**
     * Reads a value in URI form.
     *
     * @param text the option's decoded text
     * @return the typed value
     * @throws IllegalArgumentException when the text is not a good value; the message says what was
     *     expected, without repeating the text
     */
    @SuppressWarnings("unchecked")
    public T parse(String text) {
        T value;
        try {
            value = (T) parseType(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(expected());
        }
        if (problem(value) != null) {
            throw new IllegalArgumentException(expected());
        }
        return value;
    }

    /** @return what a good value looks like, for messages: "a size from 5MiB to 2GiB" */
    public String expected() {
        switch (type) {
            case SIZE:
                return "a size from " + format(min) + " to " + format(max) + ", such as 1024, 64KiB, 8MiB or 1GiB";
            case DURATION:
                return "a duration from " + format(min) + " to " + format(max) + ", such as 250ms, 30s, 5m or 2h";
            case INTEGER:
                return "a whole number from " + min + " to " + max;
            case FRACTION:
                return "a decimal number from " + min + " to " + max + ", such as 0.01";
            case FLAG:
                return "true or false";
            case CHOICE:
                return "one of " + String.join(", ", choices);
            default:
                return pattern != null ? "a value such as " + patternExample : "text";
        }
    }

    private Object parseType(String text) {
        String t = text.strip();
        switch (type) {
            case SIZE:
                return StoreOptions.parseSize(t);
            case DURATION:
                return StoreOptions.parseDuration(t);
            case INTEGER:
                return Integer.parseInt(t);
            case FRACTION:
                if (!t.matches("[0-9]*\\.?[0-9]+")) {
                    throw new IllegalArgumentException("not a decimal number");
                }
                return Double.parseDouble(t);
            case FLAG:
                switch (t.toLowerCase(Locale.ROOT)) {
                    case "", "true", "yes", "1", "on":
                        return Boolean.TRUE;
                    case "false", "no", "0", "off":
                        return Boolean.FALSE;
                    default:
                        throw new IllegalArgumentException("not a flag");
                }
            case CHOICE:
                for (String choice : choices) {
                    if (choice.equalsIgnoreCase(t)) {
                        return choice;
                    }
                }
                throw new IllegalArgumentException("not a choice");
            default:
                if (pattern != null && !pattern.matcher(text).matches()) {
                    throw new IllegalArgumentException("no match");
                }
                return text;
        }
    }

    /** @return null when the value is allowed, else what it should be */
    private String problem(T value) {
        if (min != null && (compare(value, min) < 0 || compare(value, max) > 0)) {
            return "from " + format(min) + " to " + format(max);
        }
        if (type == Type.STRING && pattern != null && !pattern.matcher((String) value).matches()) {
            return "like " + patternExample;
        }
        if (type == Type.CHOICE && !choices.contains(value)) {
            return "one of " + choices;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private int compare(T a, T b) {
        return ((Comparable<T>) a).compareTo(b);
    }

    @SuppressWarnings("unchecked")
    private T zero() {
        switch (type) {
            case SIZE:
                return (T) Long.valueOf(0);
            case DURATION:
                return (T) Duration.ZERO;
            case FRACTION:
                return (T) Double.valueOf(0);
            default:
                return (T) Integer.valueOf(Integer.MIN_VALUE);
        }
    }

    private String typeName() {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value a value of this option's type
     * @return the value as a URI writes it: {@code 8MiB}, {@code 15m}, {@code true}
     */
    public String format(T value) {
        if (value instanceof Long bytes) {
            return formatSize(bytes);
        }
        if (value instanceof Duration duration) {
            return formatDuration(duration);
        }
        return String.valueOf(value);
    }

    private static String formatSize(long bytes) {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (40 - 10 * i);
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return bytes + "B";
    }

    private static String formatDuration(Duration duration) {
        long millis = duration.toMillis();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (millis != 0 && millis % units[i] == 0) {
                return millis / units[i] + names[i];
            }
        }
        return millis + "ms";
    }

    /** @return the option as {@code name (type, default ...)} */
    @Override
    public String toString() {
        return name + " (" + typeText() + ", default " + defaultText() + (secret ? ", secret" : "") + ")";
    }
}
