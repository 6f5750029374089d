package org.kvcaches.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Lists keys by walking the folders a prefix can reach, depth first, one open folder listing per
 * level: memory grows with the depth of the tree, not with the number of keys, and the first key is
 * returned as soon as it is read. Names the encoding does not make are skipped, and a folder deleted
 * while the walk runs counts as empty, so a concurrent delete never fails a listing.
 *
 * @param <T> what the walk hands out for each key or prefix it finds (the key, or the key with metadata)
 */
final class KeyWalk<T> extends Spliterators.AbstractSpliterator<T> implements AutoCloseable {
    /** Turns what the walk found into what it hands out. */
    @FunctionalInterface
    interface Found<T> {
        /**
         * @param key the key, or the prefix ending with {@code /} of a one-level walk
         * @param entry the folder entry it came from
         * @return what to hand out, or {@code null} to leave it out (a file deleted meanwhile)
         */
        T of(String key, Tree.Entry entry) throws IOException;
    }

    /** Hands out the keys themselves. */
    static final Found<String> KEYS = (key, entry) -> key;

    /** A folder being read: its path, the key prefix of its keys, and the start their segment must have. */
    private record Frame(Tree.Listing listing, String path, String keyFolder, String start, List<String> parts) {
    }

    private final Tree tree;
    private final boolean oneLevel;
    private final Found<T> found;
    private final Function<IOException, RuntimeException> failure;
    private final Deque<Frame> frames = new ArrayDeque<>();

    /**
     * @param tree the tree to read
     * @param folder the path of the folder to start in
     * @param keyFolder the key prefix of the keys in that folder ({@code ""} or ending with {@code /})
     * @param start what the next segment of a listed key starts with
     * @param oneLevel whether to return the keys and the {@code segment/} prefixes of the first
     *     level only, instead of every key below
     * @param found what to hand out for each key or prefix
     * @param failure turns a failure to read a folder into what the caller of the walk sees
     */
    KeyWalk(Tree tree, String folder, String keyFolder, String start, boolean oneLevel, Found<T> found,
            Function<IOException, RuntimeException> failure) throws IOException {
        super(Long.MAX_VALUE, Spliterator.DISTINCT | Spliterator.NONNULL);
        this.tree = tree;
        this.oneLevel = oneLevel;
        this.found = found;
        this.failure = failure;
        frames.push(new Frame(tree.list(folder), folder, keyFolder, start, null));
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
        T next = nextFound();
        if (next == null) {
            return false;
        }
        action.accept(next);
        return true;
    }

    /** @return what the next key or prefix stands for, or {@code null} when the walk is over */
    private T nextFound() {
        try {
            while (!frames.isEmpty()) {
                Frame top = frames.peek();
                if (!top.listing().hasNext()) {
                    frames.pop().listing().close();
                    continue;
                }
                Tree.Entry entry = top.listing().next();
                String key = visit(top, entry);
                T next = key == null ? null : found.of(key, entry);
                if (next != null) {
                    return next;
                }
            }
            return null;
        } catch (IOException e) {
            throw failure.apply(e);
        } catch (UncheckedIOException e) {
            throw failure.apply(e.getCause());
        }
    }

    /** @return the key or prefix the entry stands for, or {@code null} when it is none (or a folder to walk next) */
    private String visit(Frame frame, Tree.Entry entry) throws IOException {
        String name = entry.name();
        String child = frame.path().isEmpty() ? name : frame.path() + "/" + name;
        if (frame.parts() != null) {
            // Inside the chain of a long segment every name starts with '+'.
            if (name.isEmpty() || name.charAt(0) != KeyEncoding.CONTINUED) {
                return null;
            }
            name = name.substring(1);
        }
        char last = name.isEmpty() ? 0 : name.charAt(name.length() - 1);
        if (entry.folder() && last == KeyEncoding.CONTINUED) {
            List<String> parts = frame.parts() == null ? new ArrayList<>(4) : new ArrayList<>(frame.parts());
            parts.add(name.substring(0, name.length() - 1));
            String begun = KeyEncoding.unescape(String.join("", parts));
            if (begun != null && (begun.startsWith(frame.start()) || frame.start().startsWith(begun))) {
                frames.push(new Frame(tree.list(child), child, frame.keyFolder(), frame.start(), parts));
            }
            return null;
        }
        boolean folder = entry.folder() && last == KeyEncoding.FOLDER_SUFFIX.charAt(0);
        if (entry.folder() && !folder) {
            return null;
        }
        String segment = segment(frame.parts(), folder ? name.substring(0, name.length() - 1) : name);
        if (segment == null || !segment.startsWith(frame.start())) {
            return null;
        }
        if (!folder) {
            return frame.keyFolder() + segment;
        }
        if (oneLevel) {
            // A folder with no key in it (a killed writer's, or one a delete is emptying) is no prefix.
            return holdsAKey(child) ? frame.keyFolder() + segment + "/" : null;
        }
        frames.push(new Frame(tree.list(child), child, frame.keyFolder() + segment + "/", "", null));
        return null;
    }

    /** @return whether a key lies anywhere below the folder; reads only until the first one */
    private boolean holdsAKey(String folder) throws IOException {
        try (KeyWalk<String> inside = new KeyWalk<>(tree, folder, "", "", false, KEYS, failure)) {
            return inside.tryAdvance(key -> { });
        }
    }

    private static String segment(List<String> parts, String name) {
        if (parts == null) {
            return KeyEncoding.decode(name);
        }
        List<String> all = new ArrayList<>(parts);
        all.add(name);
        return KeyEncoding.decodeParts(all);
    }

    /** Closes every folder listing still open. */
    @Override
    public void close() {
        while (!frames.isEmpty()) {
            frames.pop().listing().close();
        }
    }
}
