package org.kvcaches.cli;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.kvcaches.api.KeyValueStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kv put KEY [FILE|-]}: stores a file or standard input, streamed. */
@Command(name = "put",
        description = {"Store a value from a file or standard input.",
            "Streamed, so the value may be larger than memory; the old value is replaced atomically."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  kv put users/42/avatar.png avatar.png",
            "  echo hello | kv put greeting",
            "  kv put --ttl 10m session/abc - < session.json      (needs a store with TTL, e.g. Redis)",
            "  kv --store redis://localhost:6379/0 put big.iso big.iso"})
final class PutCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "KEY", description = "The key: 1 to 250 printable ASCII characters, '/' separates levels.")
    String key;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "The file to store, or - for standard input (the default).")
    String file;

    @Option(names = "--ttl", paramLabel = "DURATION", converter = Converters.Time.class,
            description = "Let the value expire after this long (30s, 10m, 1h); the store must support TTL.")
    Duration ttl;

    @Override
    int run(KeyValueStore kvStore) throws Exception {
        if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
            throw usage("--ttl must be positive, not " + ttl);
        }
        if (file == null || file.equals("-")) {
            put(kvStore, environment().in());
            return Kv.OK;
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw usage(Files.exists(path) ? "not a regular file: " + file : "no such file: " + file);
        }
        if (ttl == null) {
            kvStore.put(key, path);
        } else {
            try (InputStream in = Files.newInputStream(path)) {
                put(kvStore, in);
            }
        }
        return Kv.OK;
    }

    private void put(KeyValueStore kvStore, InputStream in) {
        if (ttl == null) {
            kvStore.put(key, in);
        } else {
            kvStore.put(key, in, ttl);
        }
    }
}
