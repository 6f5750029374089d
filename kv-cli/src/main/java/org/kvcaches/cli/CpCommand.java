package org.kvcaches.cli;

import org.kvcaches.api.KeyValueStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kv cp FROM TO}: copies a value inside one store. */
@Command(name = "cp",
        description = {"Copy a value to another key of the same store.", "The server copies it where the store can (Redis COPY)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  kv cp config/current config/backup",
            "To copy between stores, use: kv sync SRC_URI DST_URI --prefix P"})
final class CpCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "FROM", description = "The key to copy.")
    String from;

    @Parameters(index = "1", paramLabel = "TO", description = "The key to write; its old value is replaced.")
    String to;

    @Override
    int run(KeyValueStore kvStore) {
        kvStore.copy(from, to);
        return Kv.OK;
    }
}
