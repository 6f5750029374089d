package org.kvcaches.cli;

import org.kvcaches.api.KeyValueStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kv mv FROM TO}: moves a value to another key of one store. */
@Command(name = "mv",
        description = {"Move a value to another key of the same store.", "Afterwards TO has the value and FROM has none."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  kv mv uploads/tmp-123 images/42.png"})
final class MvCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "FROM", description = "The key to move.")
    String from;

    @Parameters(index = "1", paramLabel = "TO", description = "The key to write; its old value is replaced.")
    String to;

    @Override
    int run(KeyValueStore kvStore) {
        kvStore.move(from, to);
        return Kv.OK;
    }
}
