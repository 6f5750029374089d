package org.kvcaches.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.Keys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kv rm KEY...}, {@code kv rm --prefix P}: removes values. */
@Command(name = "rm",
        description = {"Remove values, by key or by prefix.", "Removing a key that has no value is not an error."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  kv rm greeting",
            "  kv rm users/42/avatar.png users/42/profile.json",
            "  kv rm --prefix tmp/            remove every key that starts with tmp/ (prints how many)",
            "  kv rm --all                    remove every key of the store"})
final class RmCommand extends StoreCommand {
    /** Keys per bulk delete: one round trip each on Redis, and a bounded list in memory. */
    static final int BATCH = 1000;

    @Parameters(arity = "0..*", paramLabel = "KEY", description = "The keys to remove.")
    List<String> keys = new ArrayList<>();

    @Option(names = "--prefix", paramLabel = "P", description = "Also remove every key that starts with P.")
    String prefix;

    @Option(names = "--all", description = "Remove every key of the store.")
    boolean all;

    @Override
    int run(KeyValueStore kvStore) {
        if (keys.isEmpty() && prefix == null && !all) {
            throw usage("name the keys to remove, or give --prefix P or --all");
        }
        if (prefix != null && prefix.isEmpty()) {
            throw usage("an empty --prefix would remove every key; say --all if that is what you mean");
        }
        if (prefix != null && all) {
            throw usage("--prefix and --all exclude each other");
        }
        // Every key is checked before the first removal, so a typo in the last one removes nothing.
        keys.forEach(Keys::requireValid);
        if (!keys.isEmpty()) {
            kvStore.deleteAll(keys);
        }
        if (prefix != null || all) {
            String under = all ? "" : Keys.requireValidPrefix(prefix);
            long removed = removeAll(kvStore, under);
            environment().out().println("removed " + Units.count(removed) + (removed == 1 ? " key" : " keys")
                    + (all ? "" : " starting with '" + under + "'"));
        }
        return Kv.OK;
    }

    /**
     * Removes every key under a prefix in bulk deletes of {@link #BATCH}, while listing, so memory
     * stays bounded however many keys there are.
     *
     * @return how many keys were listed and removed
     */
    static long removeAll(KeyValueStore kvStore, String prefix) {
        long removed = 0;
        List<String> batch = new ArrayList<>(BATCH);
        try (Stream<String> listed = kvStore.keys(prefix)) {
            for (Iterator<String> it = listed.iterator(); it.hasNext(); ) {
                batch.add(it.next());
                if (batch.size() == BATCH) {
                    kvStore.deleteAll(batch);
                    removed += batch.size();
                    batch.clear();
                }
            }
        }
        kvStore.deleteAll(batch);
        return removed + batch.size();
    }
}
