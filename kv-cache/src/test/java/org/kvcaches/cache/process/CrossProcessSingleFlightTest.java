package org.kvcaches.cache.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.tck.fault.ChildJvm;
import org.kvcaches.testservers.PrivateRedisServer;

/**
 * One store read per hot-key miss across processes: when several JVMs miss one key at once, the
 * process that takes the Redis tier's lease reads the store and the others wait for its fill; and
 * when that process dies mid-load, the others still get the value within the lease's time to live.
 */
class CrossProcessSingleFlightTest {
    private static final Duration REPLY = Duration.ofSeconds(60);
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static final int PROCESSES = 3;
    private static final int THREADS = 4;
    @RegisterExtension
    static final PrivateRedisServer REDIS = new PrivateRedisServer();

    @TempDir
    Path folder;

    private String tiers() {
        return "redis://127.0.0.1:" + REDIS.port() + "/0?prefix=flight" + NAMESPACES.incrementAndGet() + ":|" + folder.toUri();
    }

    private void putInStore(String key) {
        try (KeyValueStore file = KeyValueStores.open(folder.toUri().toString())) {
            file.put(key, "hot".getBytes());
        }
    }

    private static List<ChildJvm> processes(int count, String tiers, long latencyMillis, long leaseWaitMillis) {
        List<ChildJvm> children = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ChildJvm child = ChildJvm.start(ChainProcess.class, List.of("-Xmx96m", "-XX:TieredStopAtLevel=1"));
            children.add(child);
            assertEquals("ok", child.request("openslow " + tiers + " " + latencyMillis + " " + leaseWaitMillis, REPLY), child::toString);
        }
        return children;
    }

    /** @return the store reads of all processes, after each read the key from THREADS threads at once */
    private static int burst(List<ChildJvm> children, String key) {
        children.forEach(c -> c.send("burst " + key + " " + THREADS));
        int reads = 0;
        for (ChildJvm child : children) {
            String reply = child.awaitLine(REPLY);
            assertTrue(reply.startsWith("burst "), () -> reply + " from " + child);
            System.out.println("[single-flight] process " + child.pid() + ": " + reply);
            reads += Integer.parseInt(reply.replaceAll(".*reads=(\\d+).*", "$1"));
        }
        return reads;
    }

    private static void closeAll(List<ChildJvm> children) {
        children.forEach(ChildJvm::close);
    }

    @Test
    void concurrentMissesInSeveralProcessesCostOneStoreRead() {
        String tiers = tiers();
        putInStore("hot");
        List<ChildJvm> children = processes(PROCESSES, tiers, 300, 1000);
        try {
            int reads = burst(children, "hot");
            System.out.println("[single-flight] " + PROCESSES + " processes x " + THREADS + " threads with the lease wait: " + reads
                    + " store read(s)");
            assertEquals(1, reads, PROCESSES + " processes x " + THREADS + " threads missing one key read the store once");
        } finally {
            closeAll(children);
        }
    }

    @Test
    void withoutTheWaitEveryProcessReadsTheStore() {
        String tiers = tiers();
        putInStore("hot");
        List<ChildJvm> children = processes(PROCESSES, tiers, 300, 0);
        try {
            int reads = burst(children, "hot");
            System.out.println("[single-flight] the same without the wait: " + reads + " store read(s)");
            assertEquals(PROCESSES, reads, "single flight within each process only: one store read per process");
        } finally {
            closeAll(children);
        }
    }

    @Test
    void whenTheLeaseHolderDiesMidLoadTheOthersGetTheValueWithinTheLeaseTtl() {
        String tiers = tiers();
        putInStore("hot");
        List<ChildJvm> holder = processes(1, tiers, 60_000, 1000);
        List<ChildJvm> others = processes(PROCESSES - 1, tiers, 10, 1000);
        try {
            holder.get(0).send("burst hot 1");
            try {
                Thread.sleep(1000); // the holder took the lease and is stuck reading the store
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            holder.get(0).kill();
            long start = System.nanoTime();
            burst(others, "hot");
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("[single-flight] lease holder killed mid-load: the others had the value after " + millis + " ms");
            assertTrue(millis < LEASE_TTL_MILLIS, "within the lease TTL, not " + millis + " ms");
        } finally {
            closeAll(holder);
            closeAll(others);
        }
    }

    /** The builder's default lease time to live. */
    private static final long LEASE_TTL_MILLIS = 5000;
}
