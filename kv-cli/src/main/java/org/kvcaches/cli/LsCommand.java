package org.kvcaches.cli;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.stream.Stream;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.ListedValue;
import org.kvcaches.api.ValueInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kv ls [PREFIX]}: lists keys, or one level of them. */
@Command(name = "ls",
        description = {"List keys, or one level of them.", "Lists the keys that start with PREFIX (all keys without one), sorted."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  kv ls                       every key",
            "  kv ls users/42/             the keys under users/42/",
            "  kv ls -d / users/           one level: users/42/ (a folder, shown with its delimiter) and users/admin (a key)",
            "  kv ls -l logs/              with size, last-modified time and version; folders show PRE",
            "  kv ls -U | wc -l            count keys without sorting (streams, for huge stores)"})
final class LsCommand extends StoreCommand {
    /** Last-modified times in UTC to the millisecond, so the column has one width. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** What a column shows for a field the store does not keep. */
    private static final String ABSENT = "-";

    @Parameters(index = "0", arity = "0..1", paramLabel = "PREFIX", defaultValue = "",
            description = "List only keys that start with this (a plain string prefix, not a pattern).")
    String prefix;

    @Option(names = "-d", paramLabel = "DELIM",
            description = "List one level: each key up to and including the first DELIM after PREFIX (like S3's delimiter listing).")
    String delimiter;

    @Option(names = "-l", description = "Show each value's size in bytes, last-modified time (ISO-8601, UTC) and version"
            + " (- where the store keeps none), from the listing where the store lists them (S3, files).")
    boolean details;

    @Option(names = "-U", description = "Do not sort: print keys as the store lists them, without holding them in memory.")
    boolean unsorted;

    @Override
    int run(KeyValueStore kvStore) {
        PrintStream out = environment().out();
        if (details && delimiter == null) {
            try (Stream<ListedValue> listed = kvStore.list(prefix)) {
                (unsorted ? listed : listed.sorted(Comparator.comparing(ListedValue::key)))
                        .forEach(entry -> out.println(line(entry.key(), entry.info())));
            }
        } else {
            try (Stream<String> listed = delimiter != null ? kvStore.prefixes(prefix, delimiter) : kvStore.keys(prefix)) {
                (unsorted ? listed : listed.sorted()).forEach(entry -> {
                    if (!details) {
                        out.println(entry);
                    } else if (entry.endsWith(delimiter)) {
                        out.printf("%12s  %-24s  %s  %s%n", "PRE", ABSENT, ABSENT, entry);
                    } else {
                        // A key removed by someone else since it was listed is no longer there to show.
                        kvStore.stat(entry).ifPresent(info -> out.println(line(entry, info)));
                    }
                });
            }
        }
        out.flush();
        return Kv.OK;
    }

    /** @return size, last-modified time, version and key, separated by two spaces */
    private static String line(String key, ValueInfo info) {
        return String.format("%12d  %-24s  %s  %s", info.size(), info.lastModified().map(TIME::format).orElse(ABSENT),
                info.version().orElse(ABSENT), key);
    }
}
