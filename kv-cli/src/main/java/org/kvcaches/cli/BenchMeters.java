package org.kvcaches.cli;

import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.micrometer.TierMetrics;
import org.kvcaches.micrometer.TimedKeyValueStore;

/**
 * {@code kv bench --meters}: the benchmark's store bound to a Micrometer registry as a service would
 * bind it (kv-micrometer's {@link TierMetrics} for each cache tier, {@link TimedKeyValueStore} around
 * the whole store), and the registry's meters printed after the run. Only {@code bench} with that
 * option loads this class, so the other commands never load Micrometer.
 */
final class BenchMeters {
    /** The {@code store} tag of every meter, and the {@code cache} tag of the tier meters. */
    private static final String NAME = "kv-bench";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final KeyValueStore timed;

    /** @param store the store to measure; closing it stays the caller's job */
    BenchMeters(KeyValueStore store) {
        // TierMetrics returns the store it was given; the timed wrapper goes outside it, as kv-micrometer's README says.
        timed = TimedKeyValueStore.monitor(registry, TierMetrics.monitor(registry, store, NAME, Tags.empty()), NAME,
                Tags.empty());
    }

    /** @return the store to run the benchmark on: the given one, timed */
    KeyValueStore store() {
        return timed;
    }

    /** @return every meter with a non-zero measurement, sorted by name and tags, as JSON rows */
    List<Map<String, Object>> json() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Meter meter : nonZero()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", meter.getId().getName());
            Map<String, String> tags = new LinkedHashMap<>();
            for (Tag tag : meter.getId().getTagsAsIterable()) {
                tags.put(tag.getKey(), tag.getValue());
            }
            row.put("tags", tags);
            Map<String, Object> values = new LinkedHashMap<>();
            for (Measurement measurement : meter.measure()) {
                values.put(measurement.getStatistic().getTagValueRepresentation(), measurement.getValue());
            }
            row.put("measurements", values);
            rows.add(row);
        }
        return rows;
    }

    /** Prints every meter with a non-zero measurement, one per line, and how many were all zero. */
    void printText(PrintStream out) {
        List<Meter> shown = nonZero();
        out.printf("Micrometer meters (%d of %d; the others are all zero):%n", shown.size(), registry.getMeters().size());
        for (Meter meter : shown) {
            StringBuilder line = new StringBuilder("  ").append(meter.getId().getName()).append('{');
            String separator = "";
            for (Tag tag : meter.getId().getTagsAsIterable()) {
                line.append(separator).append(tag.getKey()).append('=').append(tag.getValue());
                separator = ",";
            }
            line.append('}');
            for (Measurement measurement : meter.measure()) {
                line.append(' ').append(measurement.getStatistic().getTagValueRepresentation()).append('=')
                        .append(number(measurement.getValue()));
            }
            out.println(line);
        }
    }

    /** @return a count as a whole number, anything else (seconds) to six significant digits */
    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.6g", value);
    }

    private List<Meter> nonZero() {
        List<Meter> meters = new ArrayList<>();
        for (Meter meter : registry.getMeters()) {
            for (Measurement measurement : meter.measure()) {
                if (measurement.getValue() != 0 && !Double.isNaN(measurement.getValue())) {
                    meters.add(meter);
                    break;
                }
            }
        }
        meters.sort(Comparator.comparing((Meter m) -> m.getId().getName()).thenComparing(m -> m.getId().getTags().toString()));
        return meters;
    }
}
