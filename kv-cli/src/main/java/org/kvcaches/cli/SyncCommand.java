package org.kvcaches.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.Keys;
import org.kvcaches.api.KvException;
import org.kvcaches.api.ListedValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kv sync SRC_URI DST_URI}: copies every key under a prefix from one store to another, each
 * value streamed, so memory stays at a few buffers per thread whatever the sizes. A key the
 * destination already has unchanged is skipped ({@link Unchanged}).
 */
@Command(name = "sync",
        description = {
            "Copy keys from one store to another, of any kinds.",
            "Copies every key under --prefix from the store SRC_URI to the store DST_URI, of any kinds (file to Redis, Redis"
                + " to S3, a chain to a file, ...). Each value is streamed, so memory does not grow with value sizes;"
                + " keys are listed lazily, and --threads values are in flight at once. A key the destination already"
                + " has with the same size is skipped when both stores give versions of the same kind (two S3 stores: ETags)"
                + " and they are equal, or otherwise when the destination's last-modified time is not older than the"
                + " source's (the rule of aws s3 sync); with --checksum, when the contents have the same SHA-256 instead."
                + " Every other key is copied. With --delete, keys under the prefix that the source does not have are"
                + " then removed from the destination.",
            "On a terminal a progress bar is drawn on standard error; otherwise each key gets a line on standard output."
                + " A summary line ends the run."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  kv sync file:kv-data redis://localhost:6379/0",
            "  kv sync redis://:secret@cache:6379/0 file:/backup/cache --prefix users/ --delete",
            "  kv sync file:/data 's3://bucket/data?region=eu-west-1' --threads 16 -q"})
final class SyncCommand extends KvSubcommand {
    /**
     * How many keys of one side sync holds to compare against (the destination's listing with its
     * metadata, the source's keys for {@code --delete}), about 20 MB at 200 bytes a key; past it,
     * each key is looked up instead.
     */
    static final int LISTING_LIMIT = 100_000;

    @Parameters(index = "0", paramLabel = "SRC_URI", description = "The store to copy from (a URI or a tier chain).")
    String source;

    @Parameters(index = "1", paramLabel = "DST_URI", description = "The store to copy to.")
    String destination;

    @Option(names = "--prefix", paramLabel = "P", defaultValue = "", description = "Only keys that start with P (default: all keys).")
    String prefix;

    @Option(names = "--delete", description = "Remove keys under the prefix from the destination that the source does not have.")
    boolean delete;

    @Option(names = "--checksum", description = "Skip a key only when both values have the same SHA-256 (each read as a stream),"
            + " instead of comparing versions or last-modified times.")
    boolean checksum;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "4", description = "Values copied at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (threads < 1) {
            throw usage("--threads must be at least 1, not " + threads);
        }
        Keys.requireValidPrefix(prefix);
        try (KeyValueStore from = KeyValueStores.open(source); KeyValueStore to = KeyValueStores.open(destination)) {
            SyncProgress.Mode mode = quiet ? SyncProgress.Mode.QUIET
                    : environment().terminal() ? SyncProgress.Mode.BAR : SyncProgress.Mode.LINES;
            long total = -1;
            if (mode == SyncProgress.Mode.BAR) {
                // A bar needs a total; listing keys costs far less than copying their values.
                try (Stream<String> keys = from.keys(prefix)) {
                    total = keys.count();
                }
            }
            SyncProgress progress = new SyncProgress(mode, environment().out(), environment().err(), total);
            Unchanged unchanged = new Unchanged(from, to, checksum, Unchanged.listing(to, prefix, LISTING_LIMIT));
            try {
                Set<String> sourceKeys = copyAll(from, to, unchanged, progress);
                if (delete) {
                    deleteExtra(from, to, sourceKeys, progress);
                }
            } finally {
                progress.finish();
            }
            if (!quiet) {
                environment().out().printf("synced %s keys (%s) from %s to %s in %.1f s; skipped %s unchanged keys%s%s%n",
                        Units.count(progress.copiedKeys()), Units.bytes(progress.copiedBytes()), from, to, progress.seconds(),
                        Units.count(progress.skippedKeys()), delete ? "; deleted " + Units.count(progress.deletedKeys()) + " keys the source does not have" : "",
                        progress.vanishedKeys() > 0 ? "; " + Units.count(progress.vanishedKeys()) + " keys vanished from the source" : "");
            }
            environment().out().flush();
        }
        return Kv.OK;
    }

    /**
     * @return the source keys listed, less those that vanished before their copy, for {@code --delete};
     *     {@code null} when there were more than {@link #LISTING_LIMIT}
     */
    private Set<String> copyAll(KeyValueStore from, KeyValueStore to, Unchanged unchanged, SyncProgress progress) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "kv-sync");
            thread.setDaemon(true);
            return thread;
        });
        // Bounds the keys waiting for a thread, so a listing of millions is not queued in memory.
        Semaphore slots = new Semaphore(threads * 2);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Set<String> listedKeys = ConcurrentHashMap.newKeySet();
        boolean keepKeys = delete;
        // The listing gives each source value's metadata; S3 and file listings carry it at no extra cost.
        try (Stream<ListedValue> listed = from.list(prefix)) {
            for (Iterator<ListedValue> it = listed.iterator(); it.hasNext() && failure.get() == null; ) {
                ListedValue source = it.next();
                String key = source.key();
                if (keepKeys && listedKeys.size() < LISTING_LIMIT) {
                    listedKeys.add(key);
                } else if (keepKeys) {
                    keepKeys = false;
                    listedKeys.clear();
                }
                slots.acquire();
                pool.execute(() -> {
                    try {
                        if (failure.get() == null) {
                            String reason = unchanged.reason(source);
                            if (reason != null) {
                                progress.skipped(key, reason);
                            } else {
                                progress.copied(key, copy(from, to, key));
                            }
                        }
                    } catch (KeyNotFoundException e) {
                        listedKeys.remove(key);
                        progress.vanished(key);
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e instanceof KvException
                                ? new KvException("copying '" + key + "' from " + from + " to " + to + " failed: " + e.getMessage(), e) : e);
                    } finally {
                        slots.release();
                    }
                });
            }
        } finally {
            pool.shutdown();
            // Waits for the values in flight; a stuck store fails them through its own timeouts.
            pool.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return keepKeys ? listedKeys : null;
    }

    private static long copy(KeyValueStore from, KeyValueStore to, String key) {
        try (CountingInputStream in = new CountingInputStream(from.open(key))) {
            to.put(key, in);
            return in.count;
        } catch (IOException e) {
            throw new KvException("closing the source stream of '" + key + "' failed: " + e.getMessage(), e);
        }
    }

    /**
     * Checks each destination key against the source's keys as listed, or, when there were too many
     * to hold, against the source one by one.
     */
    private void deleteExtra(KeyValueStore from, KeyValueStore to, Set<String> sourceKeys, SyncProgress progress) {
        List<String> batch = new ArrayList<>();
        try (Stream<String> keys = to.keys(prefix)) {
            for (Iterator<String> it = keys.iterator(); it.hasNext(); ) {
                String key = it.next();
                if (sourceKeys != null ? !sourceKeys.contains(key) : !from.contains(key)) {
                    batch.add(key);
                    if (batch.size() == RmCommand.BATCH) {
                        deleteBatch(to, batch, progress);
                    }
                }
            }
        }
        deleteBatch(to, batch, progress);
    }

    private static void deleteBatch(KeyValueStore to, List<String> batch, SyncProgress progress) {
        to.deleteAll(batch);
        batch.forEach(progress::deleted);
        batch.clear();
    }

    /** Counts the bytes that pass, for the progress display. */
    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
