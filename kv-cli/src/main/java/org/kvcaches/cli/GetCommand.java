package org.kvcaches.cli;

import java.nio.file.Path;
import org.kvcaches.api.KeyValueStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kv get KEY [FILE|-]}: writes a value to a file or standard output, streamed. */
@Command(name = "get",
        description = {"Write a value to a file or standard output.",
            "A FILE is replaced atomically, and left untouched when the key has no value."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  kv get users/42/avatar.png avatar.png",
            "  kv get greeting                 (same as: kv cat greeting)",
            "  kv get report.csv - | head",
            "Exit code 1 when the key has no value."})
final class GetCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "KEY", description = "The key to read.")
    String key;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "Where to write the value, or - for standard output (the default).")
    String file;

    @Override
    int run(KeyValueStore kvStore) {
        if (file == null || file.equals("-")) {
            kvStore.copyTo(key, environment().out());
            environment().out().flush();
        } else {
            kvStore.copyTo(key, Path.of(file));
        }
        return Kv.OK;
    }
}
