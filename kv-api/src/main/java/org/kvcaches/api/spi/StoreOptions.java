package org.kvcaches.api.spi;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kvcaches.api.StoreUriException;
import org.kvcaches.api.internal.Excerpt;

/**
 * The options of a store URI (its query parameters), read through their {@link StoreOption}
 * descriptors. A value of the wrong form gives a {@link StoreUriException} that names the option,
 * the URI (secrets redacted) and the expected form. Unknown options and bad values are rejected by
 * {@link org.kvcaches.api.KeyValueStores} before a provider sees the URI, using
 * {@link StoreProvider#options(String)}.
 *
 * <p>Forms: sizes are bytes with an optional unit ({@code 1024}, {@code 64KiB}, {@code 64MiB},
 * {@code 1GiB}, {@code 10MB}, {@code 5kB}); durations have a unit ({@code 250ms}, {@code 30s},
 * {@code 5m}, {@code 2h}, {@code 1d}) or are ISO-8601 ({@code PT30S}); flags are {@code true},
 * {@code false}, {@code yes}, {@code no}, {@code 1}, {@code 0}, or empty for true.
 */
public final class StoreOptions {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([A-Za-z]*)");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Map<String, String> values;
    private final String uri;

    StoreOptions(Map<String, String> values, String uri) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.uri = uri;
    }

    /** @return the names of all options given, in order */
    public Set<String> names() {
        return values.keySet();
    }

    /**
     * @param name the option
     * @return its decoded text, if given, unchecked; read declared options with {@link #get(StoreOption)}
     */
    public Optional<String> string(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /**
     * Reads an option through its descriptor. {@link org.kvcaches.api.KeyValueStores} has already
     * checked every given option, so a provider only maps the value onto its builder, whose own
     * default applies when the option is absent.
     *
     * @param option the descriptor
     * @param <T> the value's type
     * @return the typed value, if the option is given
     * @throws StoreUriException when the value is not one the descriptor allows; the message names
     *     the option, the URI and what was expected, and hides secret values
     */
    public <T> Optional<T> get(StoreOption<T> option) {
        String text = values.get(option.name());
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(option.parse(text));
        } catch (IllegalArgumentException e) {
            String shownValue = option.isSecret() || StoreUri.isSecretOption(option.name())
                    ? "***" : "'" + Excerpt.of(text, Excerpt.VALUE) + "'";
            throw new StoreUriException("option '" + option.name() + "' of store URI '" + uri + "' is " + shownValue
                    + "; expected " + e.getMessage());
        }
    }

    /**
     * Reads an option whose default the provider applies itself (because no builder of its own
     * holds it, such as a client's timeout).
     *
     * @param option the descriptor, with a {@link StoreOption#withDefault(Object) typed default}
     * @param <T> the value's type
     * @return the given value, or the descriptor's default
     * @throws StoreUriException when the value is not one the descriptor allows
     * @throws IllegalStateException when the descriptor has no typed default
     */
    public <T> T getOrDefault(StoreOption<T> option) {
        return get(option).orElseGet(() -> option.defaultValue().orElseThrow(
                () -> new IllegalStateException("option '" + option.name() + "' has no typed default")));
    }

    /**
     * Parses a size such as {@code 64MiB} into bytes.
     *
     * @param text the size
     * @return the number of bytes
     * @throws IllegalArgumentException when the text is not a size or overflows
     */
    public static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: " + text);
        }
        long unit;
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b":
                unit = 1;
                break;
            case "k", "kib":
                unit = 1L << 10;
                break;
            case "m", "mib":
                unit = 1L << 20;
                break;
            case "g", "gib":
                unit = 1L << 30;
                break;
            case "t", "tib":
                unit = 1L << 40;
                break;
            case "kb":
                unit = 1_000L;
                break;
            case "mb":
                unit = 1_000_000L;
                break;
            case "gb":
                unit = 1_000_000_000L;
                break;
            case "tb":
                unit = 1_000_000_000_000L;
                break;
            default:
                throw new IllegalArgumentException("unknown size unit in " + text);
        }
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("size too large: " + text, e);
        }
    }

    /**
     * Parses a duration such as {@code 30s} or {@code PT30S}.
     *
     * @param text the duration
     * @return the duration, never negative
     * @throws IllegalArgumentException when the text is not a duration
     */
    public static Duration parseDuration(String text) {
        String t = text.strip();
        if (t.regionMatches(true, 0, "PT", 0, 2) || t.regionMatches(true, 0, "P", 0, 1)) {
            try {
                Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
                if (d.isNegative()) {
                    throw new IllegalArgumentException("negative duration: " + text);
                }
                return d;
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new IllegalArgumentException("not a duration: " + text, e);
            }
        }
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("duration too large: " + text, e);
        }
        try {
            switch (m.group(2)) {
                case "ms":
                    return Duration.ofMillis(amount);
                case "s":
                    return Duration.ofSeconds(amount);
                case "m":
                    return Duration.ofMinutes(amount);
                case "h":
                    return Duration.ofHours(amount);
                default:
                    return Duration.ofDays(amount);
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration too large: " + text, e);
        }
    }

    /** @return the options with secret values redacted */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        values.forEach((k, v) -> text.append(text.length() == 1 ? "" : ", ").append(k).append('=')
                .append(StoreUri.isSecretOption(k) ? "***" : v));
        return text.append('}').toString();
    }
}
