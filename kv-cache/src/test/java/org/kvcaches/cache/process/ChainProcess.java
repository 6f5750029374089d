package org.kvcaches.cache.process;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.cache.CacheDecorator;

/**
 * One process of a deployment, for the cross-process tests: it opens a tier chain by URI, as an
 * application would, and obeys commands read line by line from standard input, answering each with
 * one line on standard output. Values are ASCII text. Commands:
 *
 * <ul>
 *   <li>{@code open CHAIN} → {@code ok}</li>
 *   <li>{@code put KEY VALUE} → {@code ok}; {@code delete KEY} → {@code ok}</li>
 *   <li>{@code get KEY} → {@code value VALUE} or {@code value -} when absent</li>
 *   <li>{@code await KEY VALUE MILLIS} → reads the key over and over until it holds the value, then
 *       reads it 5 more times: {@code seen MICROS STALE_AFTER} (the time it took, and how many of the
 *       later reads returned anything else), or {@code timeout LAST} when it never did</li>
 *   <li>{@code stats} → {@code stats peer=N linkLoss=N delay=...} of the chain's first tier</li>
 *   <li>{@code openslow REDIS_URI|FOLDER_URI STORE_LATENCY_MILLIS LEASE_WAIT_MILLIS} → {@code ok}: a
 *       chain {@code heap | redis | file} whose file store answers reads after a delay
 *       ({@link SlowChain})</li>
 *   <li>{@code burst KEY THREADS} → {@code burst reads=N waits=N waitHits=N millis=N}: that many
 *       threads read the key at once; how often this process read the store</li>
 *   <li>{@code putlarge KEY VERSION SIZE} → {@code ok}: a value of SIZE bytes, {@code vVERSION;}
 *       repeated ({@link #large}), so that a value mixed from two versions shows</li>
 *   <li>{@code readlarge KEY SIZE MILLIS} → {@code readlarge reads=N torn=N last=VERSION}: reads the
 *       key over and over for that long, counting the values that are not one whole version</li>
 * </ul>
 * It exits when its standard input ends.
 */
public final class ChainProcess {
    private ChainProcess() {
    }

    /**
     * @param args none
     * @throws Exception when standard input fails
     */
    public static void main(String[] args) throws Exception {
        // Replies only on standard output: whatever else prints there (a logging library's start-up
        // status) goes to standard error.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        KeyValueStore chain = null;
        SlowChain slow = null;
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.split(" ");
                try {
                    switch (words[0]) {
                        case "open" -> {
                            chain = KeyValueStores.open(line.substring(5));
                            out.println("ok");
                        }
                        case "openslow" -> {
                            slow = SlowChain.open(words[1], Long.parseLong(words[2]), java.time.Duration.ofMillis(Long.parseLong(words[3])));
                            chain = slow.chain();
                            out.println("ok");
                        }
                        case "burst" -> out.println(slow.burst(words[1], Integer.parseInt(words[2])));
                        case "put" -> {
                            chain.put(words[1], words[2].getBytes(StandardCharsets.US_ASCII));
                            out.println("ok");
                        }
                        case "delete" -> {
                            chain.delete(words[1]);
                            out.println("ok");
                        }
                        case "putlarge" -> {
                            chain.put(words[1], large(Long.parseLong(words[2]), Integer.parseInt(words[3])));
                            out.println("ok");
                        }
                        case "readlarge" -> out.println(readLarge(chain, words[1], Integer.parseInt(words[2]), Long.parseLong(words[3])));
                        case "get" -> out.println("value " + read(chain, words[1]));
                        case "await" -> out.println(await(chain, words[1], words[2], Long.parseLong(words[3])));
                        case "stats" -> {
                            CacheDecorator top = (CacheDecorator) chain;
                            out.println("stats peer=" + top.stats().peerInvalidationCount() + " linkLoss=" + top.stats().linkLossCount()
                                    + " delay=" + top.staleness().notificationDelay());
                        }
                        default -> out.println("error unknown command " + words[0]);
                    }
                } catch (RuntimeException e) {
                    out.println("error " + e.toString().replace('\n', ' '));
                }
            }
        } finally {
            if (chain != null) {
                chain.close();
            }
        }
    }

    private static String read(KeyValueStore chain, String key) {
        Optional<byte[]> value = chain.find(key);
        return value.map(v -> new String(v, StandardCharsets.US_ASCII)).orElse("-");
    }

    private static String await(KeyValueStore chain, String key, String expected, long millis) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + millis * 1_000_000;
        String last = read(chain, key);
        while (!last.equals(expected)) {
            if (System.nanoTime() > deadline) {
                return "timeout " + last;
            }
            Thread.sleep(0, 200_000);
            last = read(chain, key);
        }
        long micros = (System.nanoTime() - start) / 1000;
        int staleAfter = 0;
        for (int i = 0; i < 5; i++) {
            if (!read(chain, key).equals(expected)) {
                staleAfter++;
            }
        }
        return "seen " + micros + " " + staleAfter;
    }

    /** @return SIZE bytes of {@code vVERSION;} repeated (the last copy cut short) */
    static byte[] large(long version, int size) {
        byte[] stamp = ("v" + version + ";").getBytes(StandardCharsets.US_ASCII);
        byte[] value = new byte[size];
        for (int i = 0; i < size; i++) {
            value[i] = stamp[i % stamp.length];
        }
        return value;
    }

    private static String readLarge(KeyValueStore chain, String key, int size, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        long reads = 0;
        long torn = 0;
        String last = "-";
        while (System.nanoTime() < deadline) {
            Optional<byte[]> value = chain.find(key);
            reads++;
            if (value.isEmpty()) {
                last = "-";
                continue;
            }
            byte[] found = value.get();
            String head = new String(found, 0, Math.min(24, found.length), StandardCharsets.US_ASCII);
            int end = head.indexOf(';');
            try {
                long version = Long.parseLong(head.substring(1, end));
                if (java.util.Arrays.equals(found, large(version, size))) {
                    last = Long.toString(version);
                    continue;
                }
            } catch (RuntimeException e) {
                // not even a version stamp at the start: torn
            }
            torn++;
        }
        return "readlarge reads=" + reads + " torn=" + torn + " last=" + last;
    }
}
