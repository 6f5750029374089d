package org.kvcaches.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Temp files that a killed writer left behind in a {@code file:} store, and their removal.
 *
 * <p>The rule: a temp file ({@value KeyEncoding#TEMP_PREFIX}...) is debris when nothing has written
 * to it for {@link #AGE} (its modification time, which every write refreshes, is older) <em>and</em>
 * no process holds a lock on it. A streamed write, the only kind that can pause for long (its source
 * may stall), locks its temp file from creation until it is closed, so a live writer in any process
 * keeps its file however long it waits; the operating system drops the lock when a writer dies, even
 * by {@code SIGKILL}. Writes of this JVM are also known by path and never opened by the sweeper,
 * because closing any channel to a file drops every POSIX lock this process holds on it.
 *
 * <p>Each open store sweeps its tree on a shared daemon thread shortly after it opens and every
 * {@link #AGE} after that, reading only the folders the encoding makes and the attributes of temp
 * files, and removes the folders a killed writer created and left empty.
 */
final class Debris {
    /** How long a temp file must have gone unwritten before it can be debris. */
    static final Duration AGE = Duration.ofHours(1);
    /** How long after opening a store the first sweep starts: a short command never pays for one. */
    static final Duration FIRST_SWEEP = Duration.ofSeconds(5);

    private static final Set<Path> WRITING = ConcurrentHashMap.newKeySet();
    private static final ScheduledExecutorService SWEEPER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "kv-file-debris-sweeper");
        thread.setDaemon(true);
        return thread;
    });

    private Debris() {
    }

    /** Records that this JVM writes a temp file, until {@link #written(Path)}. */
    static void writing(Path temp) {
        WRITING.add(temp);
    }

    /** Records that this JVM no longer writes a temp file. */
    static void written(Path temp) {
        WRITING.remove(temp);
    }

    /**
     * Sweeps a store's root in the background, {@link #FIRST_SWEEP} from now and every {@link #AGE}
     * after that.
     *
     * @param root the store's root
     * @param closed whether the store is closed, checked between folders so a sweep stops early
     * @return the schedule, for the store to cancel when it closes
     */
    static ScheduledFuture<?> sweepRegularly(Path root, BooleanSupplier closed) {
        return SWEEPER.scheduleWithFixedDelay(() -> sweep(root, closed), FIRST_SWEEP.toMillis(), AGE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Removes the debris under a root, and the folders it leaves empty.
     *
     * @param root the store's root
     * @param closed whether to stop
     * @return the number of temp files removed
     */
    static int sweep(Path root, BooleanSupplier closed) {
        return sweepFolder(root, root, Instant.now().minus(AGE), closed);
    }

    private static int sweepFolder(Path root, Path folder, Instant before, BooleanSupplier closed) {
        int removed = 0;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            for (Path child : children) {
                if (closed.getAsBoolean()) {
                    break;
                }
                String name = child.getFileName().toString();
                if (name.startsWith(KeyEncoding.TEMP_PREFIX)) {
                    removed += removeIfDebris(child, before) ? 1 : 0;
                } else if (name.endsWith(KeyEncoding.FOLDER_SUFFIX) || name.charAt(name.length() - 1) == KeyEncoding.CONTINUED) {
                    removed += sweepFolder(root, child, before, closed);
                }
            }
        } catch (IOException | RuntimeException e) {
            // A folder deleted or replaced while the sweep runs, or one it cannot read: the next sweep
            // tries again; a sweep never fails the store.
            return removed;
        }
        if (removed > 0 && !folder.equals(root)) {
            try {
                Files.deleteIfExists(folder);
            } catch (IOException e) {
                // Not empty (a key or another writer's temp file lives there): the folder stays.
            }
        }
        return removed;
    }

    private static boolean removeIfDebris(Path temp, Instant before) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(temp, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile() || attributes.lastModifiedTime().toInstant().isAfter(before) || WRITING.contains(temp)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.READ);
                FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true)) {
            if (lock == null) {
                return false; // a live writer in another process holds it
            }
            Files.delete(temp);
            return true;
        } catch (OverlappingFileLockException e) {
            return false;
        }
    }
}
