package org.kvcaches.cli;

import java.util.List;
import org.kvcaches.api.KeyValueStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kv cat KEY...}: writes values to standard output, one after the other. */
@Command(name = "cat",
        description = "Print values to standard output, one after the other, as raw bytes.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  kv cat greeting",
            "  kv cat logs/2024-01-01 logs/2024-01-02 | grep ERROR",
            "Stops with exit code 1 at the first key that has no value."})
final class CatCommand extends StoreCommand {
    @Parameters(arity = "1..*", paramLabel = "KEY", description = "The keys to print.")
    List<String> keys;

    @Override
    int run(KeyValueStore kvStore) {
        try {
            for (String key : keys) {
                kvStore.copyTo(key, environment().out());
            }
        } finally {
            environment().out().flush();
        }
        return Kv.OK;
    }
}
