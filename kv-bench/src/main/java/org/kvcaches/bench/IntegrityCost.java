package org.kvcaches.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.testservers.S3TestServers;

/**
 * The cost of the S3 store's integrity checks, measured in pairs so that a busy machine's drift falls on
 * both sides alike: each round times a batch of operations through the store with {@code verify=true}
 * (the default) and the same batch through one with {@code verify=false}, in alternating order, on the
 * same server ({@code KV_TEST_S3_ENDPOINT}, or S3Proxy in this JVM). It prints, per operation and size,
 * the median of the rounds' time ratios (verified / unverified) and its interquartile range. The JMH
 * runs of {@code S3Benchmark} measure the same pairs one after the other.
 *
 * <p>{@code java -cp kv-bench/target/benchmarks.jar org.kvcaches.bench.IntegrityCost [ROUNDS]}
 */
public final class IntegrityCost {
    private IntegrityCost() {
    }

    /** An operation on one store and key. */
    private interface Operation {
        void run(KeyValueStore store, String key, byte[] value);
    }

    /**
     * @param args optionally the number of measured rounds per case (default 40)
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        // S3Proxy alone, as before: the tests' FlatNameBlobStore re-reads and hashes every GET body.
        System.getProperties().putIfAbsent("kv.test.s3.flat", "false");
        S3TestServers.Server server = S3TestServers.server();
        String bucket = "kv-cost-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        try (software.amazon.awssdk.services.s3.S3Client client = server.client()) {
            client.createBucket(b -> b.bucket(bucket));
        }
        try (KeyValueStore verified = KeyValueStores.open(server.uri(bucket, "", "maxConnections=16"));
             KeyValueStore unverified = KeyValueStores.open(server.uri(bucket, "", "maxConnections=16&verify=false"))) {
            for (int size : new int[] {1024, 8 << 20}) {
                byte[] value = new byte[size];
                ThreadLocalRandom.current().nextBytes(value);
                int batch = size > 1 << 20 ? 4 : 100;
                measure("put", size, batch, rounds, verified, unverified, value, (store, key, v) -> store.put(key, v));
                measure("get", size, batch, rounds, verified, unverified, value, (store, key, v) -> store.get(key));
            }
        } finally {
            server.deleteBucket(bucket);
            S3TestServers.stop();
        }
    }

    private static void measure(String name, int size, int batch, int rounds, KeyValueStore verified,
                                KeyValueStore unverified, byte[] value, Operation operation) {
        for (int i = 0; i < batch; i++) {
            verified.put("k" + i, value);
        }
        int warmups = Math.max(3, rounds / 4);
        double[] ratios = new double[rounds];
        long verifiedTotal = 0;
        long unverifiedTotal = 0;
        for (int round = -warmups; round < rounds; round++) {
            boolean verifiedFirst = (round & 1) == 0;
            long first = time(verifiedFirst ? verified : unverified, batch, value, operation);
            long second = time(verifiedFirst ? unverified : verified, batch, value, operation);
            long v = verifiedFirst ? first : second;
            long u = verifiedFirst ? second : first;
            if (round >= 0) {
                ratios[round] = (double) v / u;
                verifiedTotal += v;
                unverifiedTotal += u;
            }
        }
        Arrays.sort(ratios);
        long ops = (long) rounds * batch;
        System.out.printf(Locale.ROOT, "%s %7d B: verified %8.1f ops/s, unverified %8.1f ops/s; median ratio of %d paired rounds"
                        + " %.3f (IQR %.3f-%.3f), ratio of totals %.3f%n",
                name, size, ops * 1e9 / verifiedTotal, ops * 1e9 / unverifiedTotal, rounds, ratios[rounds / 2],
                ratios[rounds / 4], ratios[rounds * 3 / 4], (double) verifiedTotal / unverifiedTotal);
    }

    private static long time(KeyValueStore store, int batch, byte[] value, Operation operation) {
        long start = System.nanoTime();
        for (int i = 0; i < batch; i++) {
            operation.run(store, "k" + i, value);
        }
        return System.nanoTime() - start;
    }
}
