package org.kvcaches.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.Keys;
import org.kvcaches.cache.CacheStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kv stats}: replays reads through the store and reports what each tier did. A chain's hit
 * counters live in the process that opened it, so a separate {@code kv stats} could only ever show
 * zeros; instead it runs a read workload of the user's choosing in this process and reports on it.
 */
@Command(name = "stats",
        description = {
            "Read keys through a store or chain and report each tier's hits.",
            "Reads keys through the store or tier chain and reports what each tier did: reads, hits and hit ratio per"
                + " cache tier, reads that reached the authoritative store, latency percentiles, and the bytes read.",
            "The keys are those listed under PREFIX (all keys without one), or a trace of reads: a file with one key per"
                + " line (--trace FILE, or - for standard input; blank lines and lines starting with # are skipped)."
                + " --passes repeats the reads, so the second pass shows how well the caches hold the data.",
            "A cache tier's counters live only as long as the process that opened the chain, so kv stats runs the reads"
                + " itself; for a synthetic load use kv bench, which reports the same per-tier table."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  kv stats --store 'heap://?maxBytes=64MiB | file:kv-data' --passes 2",
            "  kv stats --store 'heap:// | redis://localhost:6379/0' --trace access.log",
            "  grep GET access.log | cut -d' ' -f7 | kv stats --store 'heap:// | file:data' --trace - --json"})
final class StatsCommand extends StoreCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PREFIX", defaultValue = "",
            description = "Read the keys that start with this (ignored with --trace).")
    String prefix;

    @Option(names = "--trace", paramLabel = "FILE", description = "Read the keys listed in FILE, in order (- for standard input).")
    String trace;

    @Option(names = "--passes", paramLabel = "N", defaultValue = "1", description = "How many times to read the keys (default: ${DEFAULT-VALUE}).")
    int passes;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    int run(KeyValueStore kvStore) throws IOException {
        if (passes < 1) {
            throw usage("--passes must be at least 1, not " + passes);
        }
        List<String> keys = keys(kvStore);
        Tiers tiers = new Tiers(kvStore);
        List<CacheStats> before = tiers.snapshot();
        LatencyRecorder latency = new LatencyRecorder();
        long notFound = 0;
        long bytes = 0;
        long start = System.nanoTime();
        for (int pass = 0; pass < passes; pass++) {
            for (String key : keys) {
                long begin = System.nanoTime();
                Optional<byte[]> value = kvStore.find(key);
                latency.record(System.nanoTime() - begin);
                if (value.isPresent()) {
                    bytes += value.get().length;
                } else {
                    notFound++;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<CacheStats> after = tiers.snapshot();
        Map<String, Object> workload = new LinkedHashMap<>();
        workload.put("source", trace != null ? "trace" : "listing");
        workload.put(trace != null ? "trace" : "prefix", trace != null ? trace : prefix);
        workload.put("keys", keys.size());
        workload.put("passes", passes);
        workload.put("bytesRead", bytes);
        String text = String.format(Locale.ROOT, "%s reads of %s keys (%s, %s pass%s), %s read",
                Units.count(latency.count()), Units.count(keys.size()),
                trace != null ? "trace " + trace : prefix.isEmpty() ? "every key" : "keys starting with '" + prefix + "'",
                passes, passes == 1 ? "" : "es", Units.bytes(bytes));
        Map<String, LatencyRecorder> operations = new LinkedHashMap<>();
        operations.put("read", latency);
        WorkloadReport report = new WorkloadReport("stats", kvStore.toString(), text, workload, seconds, operations, notFound,
                tiers.report(before, after, latency.count()));
        if (json) {
            environment().out().println(Json.write(report.json()));
        } else {
            report.printText(environment().out());
        }
        environment().out().flush();
        return Kv.OK;
    }

    /** Keys are names, not values: holding them lets a trace from standard input be read more than once. */
    private List<String> keys(KeyValueStore kvStore) throws IOException {
        if (trace == null) {
            try (Stream<String> listed = kvStore.keys(Keys.requireValidPrefix(prefix))) {
                return listed.collect(Collectors.toList());
            }
        }
        List<String> keys = new ArrayList<>();
        try (BufferedReader reader = trace.equals("-")
                ? new BufferedReader(new InputStreamReader(environment().in(), StandardCharsets.UTF_8))
                : Files.newBufferedReader(requireFile(Path.of(trace)), StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String key = line.strip();
                if (key.isEmpty() || key.startsWith("#")) {
                    continue;
                }
                if (!Keys.isValid(key)) {
                    throw usage("line " + number + " of the trace is not a valid key: '" + key + "'");
                }
                keys.add(key);
            }
        }
        return keys;
    }

    private Path requireFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw usage("no such file: " + path);
        }
        return path;
    }
}
