package org.kvcaches.cli;

import java.io.PrintStream;
import java.util.stream.Stream;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KeyValueStore;
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
            "  kv ls -l logs/              with sizes in bytes; folders show PRE",
            "  kv ls -U | wc -l            count keys without sorting (streams, for huge stores)"})
final class LsCommand extends StoreCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PREFIX", defaultValue = "",
            description = "List only keys that start with this (a plain string prefix, not a pattern).")
    String prefix;

    @Option(names = "-d", paramLabel = "DELIM",
            description = "List one level: each key up to and including the first DELIM after PREFIX (like S3's delimiter listing).")
    String delimiter;

    @Option(names = "-l", description = "Show each value's size in bytes (one size request per key).")
    boolean sizes;

    @Option(names = "-U", description = "Do not sort: print keys as the store lists them, without holding them in memory.")
    boolean unsorted;

    @Override
    int run(KeyValueStore kvStore) {
        PrintStream out = environment().out();
        try (Stream<String> listed = delimiter != null ? kvStore.prefixes(prefix, delimiter) : kvStore.keys(prefix)) {
            (unsorted ? listed : listed.sorted()).forEach(entry -> {
                if (!sizes) {
                    out.println(entry);
                } else if (delimiter != null && entry.endsWith(delimiter)) {
                    out.printf("%12s  %s%n", "PRE", entry);
                } else {
                    try {
                        out.printf("%12d  %s%n", kvStore.size(entry), entry);
                    } catch (KeyNotFoundException vanished) {
                        // Removed by someone else since it was listed: it is no longer there to show.
                    }
                }
            });
        }
        out.flush();
        return Kv.OK;
    }
}
