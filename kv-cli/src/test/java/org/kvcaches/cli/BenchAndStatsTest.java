package org.kvcaches.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kvcaches.cli.KvRunner.kv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.testservers.RedisTestServers;
import org.kvcaches.testservers.S3TestServers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code kv bench} and {@code kv stats} on chains, with their JSON parsed back. */
class BenchAndStatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private static void assertOk(KvRunner.Result result) {
        assertEquals(0, result.code(), result::toString);
    }

    private static void assertPercentilesOrdered(JsonNode latency) {
        long p50 = latency.get("p50Ns").asLong();
        long p99 = latency.get("p99Ns").asLong();
        long p999 = latency.get("p999Ns").asLong();
        long max = latency.get("maxNs").asLong();
        assertTrue(0 < p50 && p50 <= p99 && p99 <= p999 && p999 <= max, latency::toString);
    }

    @Test
    void benchOnHeapInFrontOfAFolderReportsThroughputLatencyAndTheCacheHitRatio() {
        String chain = "heap://?maxBytes=16MiB | file:" + root.resolve("data");

        KvRunner.Result result = kv("bench", "--store", chain, "--keys", "500", "--value-size", "512",
                "--duration", "1500ms", "--warmup", "500ms", "--threads", "2", "--json");

        assertOk(result);
        JsonNode report = JSON.readTree(result.out());
        assertEquals("bench", report.get("command").asText());
        assertEquals(500, report.get("workload").get("keys").asInt());
        assertEquals("zipfian", report.get("workload").get("distribution").asText());
        assertTrue(report.get("opsPerSecond").asDouble() > 0, report::toString);
        JsonNode read = report.get("latency").get("read");
        JsonNode write = report.get("latency").get("write");
        assertTrue(read.get("count").asLong() > 0 && write.get("count").asLong() > 0, report::toString);
        assertEquals(report.get("operations").asLong(), read.get("count").asLong() + write.get("count").asLong());
        assertPercentilesOrdered(read);
        assertPercentilesOrdered(write);
        assertEquals(0, report.get("notFound").asLong());

        JsonNode cache = report.get("tiers").get(0);
        JsonNode authoritative = report.get("tiers").get(1);
        assertEquals("cache", cache.get("role").asText());
        assertEquals("heap://?maxBytes=16MiB", cache.get("store").asText());
        assertEquals(cache.get("hits").asLong() + cache.get("misses").asLong(), cache.get("reads").asLong());
        // The whole data set fits the heap tier and most reads go to a few hot keys.
        assertTrue(cache.get("hitRatio").asDouble() > 0.5, cache::toString);
        assertEquals("authoritative", authoritative.get("role").asText());
        assertEquals(cache.get("loads").asLong(), authoritative.get("reads").asLong());
        assertTrue(authoritative.get("reads").asLong() < cache.get("reads").asLong(), report::toString);
    }

    @Test
    void benchWithMetersReportsTheMicrometerMetersOfTheRun() {
        String chain = "heap://?maxBytes=16MiB | file:" + root.resolve("metered");

        KvRunner.Result result = kv("bench", "--store", chain, "--keys", "200", "--duration", "1s", "--warmup", "200ms",
                "--threads", "2", "--meters", "--json");

        assertOk(result);
        JsonNode report = JSON.readTree(result.out());
        long measuredReads = report.get("latency").get("read").get("count").asLong();
        long measuredWrites = report.get("latency").get("write").get("count").asLong();
        // The meters count the preload and the warm-up too; the report only the measured part.
        assertTrue(meter(report, "kv.store.operations", "operation", "get", "outcome", "success") >= measuredReads, report::toString);
        assertTrue(meter(report, "kv.store.operations", "operation", "put", "outcome", "success") >= 200 + measuredWrites,
                report::toString);
        double hits = meter(report, "cache.gets", "tier", "1", "result", "hit");
        double misses = meter(report, "cache.gets", "tier", "1", "result", "miss");
        assertTrue(hits > 0 && hits + misses >= measuredReads, report::toString);
        assertTrue(meter(report, "cache.load", "tier", "1", "result", "success") >= report.get("tiers").get(0).get("loads").asLong(),
                report::toString);
    }

    @Test
    void benchWithMetersPrintsTheNonZeroMetersAfterTheTable() {
        KvRunner.Result result = kv("bench", "--store", "heap:// | file:" + root, "--keys", "50", "--duration", "300ms",
                "--warmup", "0s", "--reads", "1", "--meters");

        assertOk(result);
        assertTrue(result.out().matches("(?s).*\nMicrometer meters \\([0-9]+ of [0-9]+; the others are all zero\\):\n.*"),
                result::toString);
        assertTrue(result.out().contains("  cache.gets{cache=kv-bench,consistency=arbitrated,result=hit,scheme=heap,tier=1} count="),
                result::toString);
        assertTrue(result.out().contains("  kv.store.operations{exception=none,operation=put,outcome=success,scheme=heap|file,store=kv-bench}"
                + " count=50 total="), result::toString);
    }

    /** @return the COUNT of the one meter of that name whose tags include the given ones */
    private static double meter(JsonNode report, String name, String... tags) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode meter : report.get("meters")) {
            boolean matches = meter.get("name").asText().equals(name);
            for (int i = 0; i < tags.length && matches; i += 2) {
                matches = meter.get("tags").has(tags[i]) && meter.get("tags").get(tags[i]).asText().equals(tags[i + 1]);
            }
            if (matches) {
                found.add(meter);
            }
        }
        assertEquals(1, found.size(), () -> name + " " + String.join(",", tags) + " in " + report.get("meters"));
        return found.get(0).get("measurements").get("count").asDouble();
    }

    @Test
    void benchReportsTheConsistencyProbeOfEachCacheTier() {
        KvRunner.Result result = kv("bench", "--store", "heap://?cache.verifyRate=1 | file:" + root, "--keys", "100", "--duration", "1s",
                "--warmup", "200ms");

        assertOk(result);
        assertTrue(result.out().matches("(?s).*\\ntier 1: consistency probe 0 stale of [0-9,]+ sampled hits; breaker closed .*"),
                result::toString);
    }

    @Test
    void benchRemovesItsKeysUnlessToldToKeepThem() {
        String name = "mem://bench-" + UUID.randomUUID();
        try (KeyValueStore holder = KeyValueStores.open(name)) {
            assertOk(kv("bench", "--store", name, "--keys", "50", "--duration", "200ms", "--warmup", "0s"));
            assertEquals(0, holder.keys("").count());

            assertOk(kv("bench", "--store", name, "--keys", "50", "--duration", "200ms", "--warmup", "0s", "--keep"));
            assertEquals(50, holder.keys("kv-bench/").count());
        }
    }

    @Test
    void benchPrintsATableOnAThreeTierChainOverRedis() {
        String chain = "heap:// | " + RedisTestServers.standaloneUri() + "/0?prefix=bench-" + UUID.randomUUID() + ": | file:" + root;

        KvRunner.Result result = kv("bench", "--store", chain, "--keys", "200", "--duration", "1s", "--warmup", "300ms",
                "--distribution", "uniform", "--reads", "0.8");

        assertOk(result);
        String out = result.out();
        assertTrue(out.contains("200 keys x 1 KiB, 80% reads, uniform, 4 threads"), out);
        assertTrue(out.matches("(?s).*\\nread +[0-9,]+ +[0-9,]+ .*"), out);
        assertTrue(out.matches("(?s).*\\n1 +heap:// +[0-9,]+ +[0-9,]+ +[0-9.]+% .*"), out);
        assertTrue(out.matches("(?s).*\\n2 +redis://127\\.0\\.0\\.1:.*"), out);
        assertTrue(out.matches("(?s).*\\n3 +file:.*\\(authoritative\\).*"), out);
        assertTrue(result.stderr().startsWith("kv bench: writing 200 keys of 1 KiB to heap:// | redis://"), result::toString);
    }

    @Test
    void benchRunsOnAChainEndingInS3() {
        S3TestServers.Server s3 = S3TestServers.server();
        String bucket = S3TestServers.newBucket("clibench");
        try {
            String chain = "heap:// | " + RedisTestServers.standaloneUri() + "/0?prefix=bench-" + UUID.randomUUID() + ": | "
                    + s3.uri(bucket, "data", "");
            KvRunner.Result result = kv("bench", "--store", chain, "--keys", "100", "--duration", "1s", "--warmup", "300ms",
                    "--json");
            assertOk(result);
            assertTrue(result.out().contains("\"s3://"), result::toString);
            if (s3.secretKey() != null) {
                assertFalse(result.out().contains(s3.secretKey()) || result.stderr().contains(s3.secretKey()), result::toString);
            }
        } finally {
            S3TestServers.deleteBucket(bucket);
        }
    }

    @Test
    void benchRefusesAReadShareOutsideZeroToOne() {
        KvRunner.Result result = kv("bench", "--store", "mem:", "--reads", "1.5");

        assertEquals(2, result.code());
        assertTrue(result.stderr().contains("--reads is the share of reads, from 0 to 1, not 1.5"), result::toString);
    }

    @Test
    void statsWithTwoPassesShowsTheSecondPassServedByTheCache() {
        String folder = "file:" + root.resolve("data");
        try (KeyValueStore store = KeyValueStores.open(folder)) {
            for (int i = 0; i < 10; i++) {
                store.put("k/" + i, new byte[100]);
            }
        }

        KvRunner.Result result = kv("stats", "--store", "heap:// | " + folder, "--passes", "2", "--json");

        assertOk(result);
        JsonNode report = JSON.readTree(result.out());
        assertEquals(20, report.get("operations").asLong());
        assertEquals(2000, report.get("workload").get("bytesRead").asLong());
        JsonNode cache = report.get("tiers").get(0);
        assertEquals(20, cache.get("reads").asLong());
        assertEquals(10, cache.get("hits").asLong());
        assertEquals(0.5, cache.get("hitRatio").asDouble());
        assertEquals(10, report.get("tiers").get(1).get("reads").asLong());
    }

    @Test
    void statsReplaysATraceFromStandardInputAndCountsKeysWithoutValues() {
        String name = "mem://stats-" + UUID.randomUUID();
        try (KeyValueStore holder = KeyValueStores.open(name)) {
            holder.put("hot", new byte[10]);

            KvRunner.Result result = new KvRunner().stdin("# a trace\nhot\nhot\n\nmissing\nhot\n")
                    .run("stats", "--store", "heap:// | " + name, "--trace", "-");

            assertOk(result);
            assertTrue(result.out().contains("4 reads of 4 keys (trace -, 1 pass), 30 B read"), result::toString);
            assertTrue(result.out().contains("1 reads found no value"), result::toString);
            assertTrue(result.out().matches("(?s).*\\n1 +heap:// +4 +2 +50% .*"), result::toString);
        }
    }

    @Test
    void statsRefusesATraceLineThatIsNotAKey() {
        KvRunner.Result result = new KvRunner().stdin("good\nbad key\n").run("stats", "--store", "mem:", "--trace", "-");

        assertEquals(2, result.code());
        assertTrue(result.stderr().contains("line 2 of the trace is not a valid key: 'bad key'"), result::toString);
    }
}
