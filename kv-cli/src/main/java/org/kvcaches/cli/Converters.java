package org.kvcaches.cli;

import java.time.Duration;
import org.kvcaches.api.spi.StoreOptions;
import picocli.CommandLine;

/** Option converters that read sizes and durations the way store URIs do ({@code 64MiB}, {@code 30s}). */
final class Converters {
    private Converters() {
    }

    /** {@code 1KiB}, {@code 4k}, {@code 100} (bytes), {@code 1MB} (10^6). */
    static final class Size implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return StoreOptions.parseSize(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage() + " (examples: 100, 4KiB, 1MiB)");
            }
        }
    }

    /** {@code 250ms}, {@code 20s}, {@code 5m}, {@code PT1M}. */
    static final class Time implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return StoreOptions.parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage() + " (examples: 250ms, 20s, 5m)");
            }
        }
    }
}
