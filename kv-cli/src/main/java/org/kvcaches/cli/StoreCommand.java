package org.kvcaches.cli;

import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import picocli.CommandLine.Option;

/** A command that works on one store: opens it, runs, and closes it. */
abstract class StoreCommand extends KvSubcommand {
    @Option(names = "--store", paramLabel = "URI",
            description = "The store or tier chain (default: $KV_STORE, else " + KvCommand.DEFAULT_STORE + ").")
    String store;

    /** The opened store's own description (secrets redacted), for messages such as "not found in ...". */
    private volatile String opened;

    @Override
    public final Integer call() throws Exception {
        Integer done = runWithoutStore();
        if (done != null) {
            return done;
        }
        try (KeyValueStore kvStore = KeyValueStores.open(kv.storeUri(store))) {
            opened = kvStore.toString();
            return run(kvStore);
        }
    }

    /** @return the store this command opened, or null before it was opened */
    String openedStore() {
        return opened;
    }

    /**
     * Lets a command answer without opening the store, such as {@code kv info --options}.
     *
     * @return the exit code when the command is done, or null to open the store and {@link #run} it
     */
    Integer runWithoutStore() {
        return null;
    }

    /**
     * Does the command's work.
     *
     * @param kvStore the open store, closed by the caller
     * @return the exit code
     * @throws Exception whatever the work throws; {@link ErrorReporter} turns it into a message and a code
     */
    abstract int run(KeyValueStore kvStore) throws Exception;
}
