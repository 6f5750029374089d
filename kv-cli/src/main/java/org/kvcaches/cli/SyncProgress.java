package org.kvcaches.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How {@code kv sync} shows what it does: a bar redrawn in place on a terminal (at most ten times a
 * second, on standard error), a line per key on standard output when the output goes to a file or
 * pipe, or nothing. Safe to call from the copying threads.
 */
final class SyncProgress {
    enum Mode { BAR, LINES, QUIET }

    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 24;

    private final Mode mode;
    private final PrintStream out;
    private final PrintStream err;
    private final long total;
    private final long started = System.nanoTime();
    private final AtomicLong copied = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong vanished = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private long lastDrawn;
    private int lastWidth;

    /**
     * @param mode how to show progress
     * @param out standard output, for lines
     * @param err standard error, for the bar
     * @param total how many keys will be copied or skipped, or -1 when not counted
     */
    SyncProgress(Mode mode, PrintStream out, PrintStream err, long total) {
        this.mode = mode;
        this.out = out;
        this.err = err;
        this.total = total;
    }

    void copied(String key, long size) {
        copied.incrementAndGet();
        bytes.addAndGet(size);
        if (mode == Mode.LINES) {
            line("copied " + key + " (" + size + " bytes)");
        } else if (mode == Mode.BAR) {
            draw(false);
        }
    }

    /** A key the destination already has unchanged, so it was not copied. */
    void skipped(String key, String reason) {
        skipped.incrementAndGet();
        if (mode == Mode.LINES) {
            line("skipped " + key + " (unchanged: " + reason + ")");
        } else if (mode == Mode.BAR) {
            draw(false);
        }
    }

    /** A key that was listed but removed from the source before it could be copied. */
    void vanished(String key) {
        vanished.incrementAndGet();
        if (mode == Mode.LINES) {
            line("skipped " + key + " (removed from the source while syncing)");
        }
    }

    void deleted(String key) {
        deleted.incrementAndGet();
        if (mode == Mode.LINES) {
            line("deleted " + key);
        } else if (mode == Mode.BAR) {
            draw(false);
        }
    }

    /** Finishes the bar, so the summary starts on a line of its own. */
    synchronized void finish() {
        if (mode == Mode.BAR) {
            draw(true);
            err.println();
            err.flush();
        }
    }

    long copiedKeys() {
        return copied.get();
    }

    long copiedBytes() {
        return bytes.get();
    }

    long skippedKeys() {
        return skipped.get();
    }

    long deletedKeys() {
        return deleted.get();
    }

    long vanishedKeys() {
        return vanished.get();
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private synchronized void line(String text) {
        out.println(text);
    }

    private synchronized void draw(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        // Skipped keys are done too, so a second run's bar fills up.
        long done = copied.get() + skipped.get();
        StringBuilder text = new StringBuilder("\r");
        if (total > 0) {
            int filled = (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
            text.append('[').append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%% ", done * 100 / total))
                    .append(Units.count(done)).append('/').append(Units.count(total)).append(" keys");
        } else {
            text.append(Units.count(done)).append(" keys");
        }
        double seconds = Math.max(1e-3, seconds());
        text.append("  ").append(Units.bytes(bytes.get()))
                .append("  ").append(Units.bytes((long) (bytes.get() / seconds))).append("/s");
        if (skipped.get() > 0) {
            text.append("  ").append(Units.count(skipped.get())).append(" unchanged");
        }
        if (deleted.get() > 0) {
            text.append("  ").append(Units.count(deleted.get())).append(" deleted");
        }
        int width = text.length();
        // Blank out what a longer previous line left behind.
        text.append(" ".repeat(Math.max(0, lastWidth - width)));
        lastWidth = width;
        err.print(text);
        err.flush();
    }
}
