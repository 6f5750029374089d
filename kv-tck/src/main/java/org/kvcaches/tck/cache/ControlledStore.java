package org.kvcaches.tck.cache;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KvException;
import org.kvcaches.api.spi.CacheTierReads;
import org.kvcaches.api.spi.ForwardingKeyValueStore;

/**
 * A store that forwards to another one and lets a test steer it: count the reads of a key, hold the
 * answer of the next read of a key until the test releases it (as a slow network delivers an old
 * answer late), fail chosen operations, or add random latency. It reports the capabilities of the
 * store below.
 *
 * <p>Closing a {@code ControlledStore} closes only this view, never the store below, which the test
 * owns: so two decorators (as two processes would be) can each be given a {@link #sharing()} view of
 * the same store and be closed independently. Safe for concurrent use.
 *
 * <p>It serves a cache decorator's one-call reads ({@link CacheTierReads}) too, so that a contract
 * run over a store that has them (Redis) tests that path: through the store below's own when it has
 * them, else as a read and a put-if-absent (again if another put came in between). They count,
 * fail, delay and hold as reads. It never bounds a read by a deadline itself (its delays and holds
 * are not bounded), so a decorator bounds them.
 */
public final class ControlledStore extends ForwardingKeyValueStore implements CacheTierReads {
    /** How long a held read waits for its release before it fails, so a broken test cannot hang. */
    private static final long HOLD_LIMIT_SECONDS = 30;

    /** The kinds of operation {@link #failNext(Operation, int)} can fail. */
    public enum Operation {
        /** get, find, open, size, contains, getAll. */
        READ,
        /** put in every form, putIfAbsent, compareAndSet, copy, move. */
        WRITE,
        /** delete and deleteAll. */
        DELETE,
        /** keys and prefixes. */
        LIST
    }

    /** The state every view of one store shares. */
    private static final class Controls {
        final ConcurrentHashMap<String, AtomicInteger> reads = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, Gate> held = new ConcurrentHashMap<>();
        final AtomicIntegerArray failures = new AtomicIntegerArray(Operation.values().length);
        volatile boolean failEverything;
        volatile long minLatencyNanos;
        volatile long maxLatencyNanos;
    }

    /**
     * A held read: the read has fetched its value from the store below and waits, before returning
     * it, until {@link #release()}.
     */
    public static final class Gate {
        private final String key;
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Gate(String key) {
            this.key = key;
        }

        /**
         * Waits until a read of the key has fetched its value and is being held.
         *
         * @throws AssertionError when no read comes within 30 seconds
         */
        public void awaitArrival() {
            try {
                if (!arrived.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new AssertionError("no read of '" + key + "' reached the store within " + HOLD_LIMIT_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for a read of '" + key + "'", e);
            }
        }

        /** @return whether the held read has arrived */
        public boolean hasArrived() {
            return arrived.getCount() == 0;
        }

        /** Lets the held read return its value; idempotent. */
        public void release() {
            released.countDown();
        }

        private void hold() {
            arrived.countDown();
            try {
                if (!released.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new KvException("the held read of '" + key + "' was not released within " + HOLD_LIMIT_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KvException("interrupted while a read of '" + key + "' was held", e);
            }
        }
    }

    private final KeyValueStore below;
    private final Controls controls;

    private ControlledStore(KeyValueStore below, Controls controls) {
        super("controlled(" + below + ")", below);
        this.below = below;
        this.controls = controls;
    }

    /**
     * @param delegate the store to forward to; the caller keeps it and closes it
     * @return a controlled view of it, with nothing held, failed or delayed
     */
    public static ControlledStore wrap(KeyValueStore delegate) {
        return new ControlledStore(Objects.requireNonNull(delegate, "delegate"), new Controls());
    }

    /** @return another view of the same store that shares this one's counts, holds and failures */
    public ControlledStore sharing() {
        return new ControlledStore(below, controls);
    }

    /**
     * @param key a key
     * @return how many times a value of the key was read through any view (get, find, open, getAll;
     *     not size or contains)
     */
    public int reads(String key) {
        AtomicInteger count = controls.reads.get(key);
        return count == null ? 0 : count.get();
    }

    /**
     * Holds the next value read of a key (through any view) after it fetched its value, until the
     * returned gate is released.
     *
     * @param key the key
     * @return the gate of that read
     */
    public Gate holdNextRead(String key) {
        Gate gate = new Gate(key);
        controls.held.put(key, gate);
        return gate;
    }

    /**
     * Makes the next {@code times} operations of a kind fail with a {@link KvException}, before they
     * reach the store below.
     *
     * @param operation the kind
     * @param times how many; {@link Integer#MAX_VALUE} for all until {@link #heal()}
     */
    public void failNext(Operation operation, int times) {
        controls.failures.set(operation.ordinal(), times);
    }

    /** Makes every operation fail with a {@link KvException} until {@link #heal()}. */
    public void failEverything() {
        controls.failEverything = true;
    }

    /** Ends every planted failure. */
    public void heal() {
        controls.failEverything = false;
        for (Operation operation : Operation.values()) {
            controls.failures.set(operation.ordinal(), 0);
        }
    }

    /**
     * Adds a random delay, uniform from {@code min} to {@code max}, after each read (so its answer
     * arrives late) and before each write and delete.
     *
     * @param min the shortest delay; zero for none
     * @param max the longest delay, at least {@code min}
     */
    public void latency(Duration min, Duration max) {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("latency needs 0 <= min <= max, got " + min + " and " + max);
        }
        controls.minLatencyNanos = min.toNanos();
        controls.maxLatencyNanos = max.toNanos();
    }

    private void before(Operation operation, String key) {
        if (controls.failEverything) {
            throw new KvException("planted failure of every call: " + operation + " of '" + key + "' in " + this);
        }
        int index = operation.ordinal();
        int left;
        do {
            left = controls.failures.get(index);
            if (left <= 0) {
                break;
            }
        } while (!controls.failures.compareAndSet(index, left, left == Integer.MAX_VALUE ? left : left - 1));
        if (left > 0) {
            throw new KvException("planted failure: " + operation + " of '" + key + "' in " + this);
        }
        if (operation == Operation.WRITE || operation == Operation.DELETE) {
            delay();
        }
    }

    private void delay() {
        long min = controls.minLatencyNanos;
        long max = controls.maxLatencyNanos;
        if (max > 0) {
            long nanos = min + ThreadLocalRandom.current().nextLong(max - min + 1);
            try {
                TimeUnit.NANOSECONDS.sleep(nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KvException("interrupted during injected latency in " + this, e);
            }
        }
    }

    /** Counts a value read, then delays it or holds it as the test asked. */
    private void answered(String key) {
        controls.reads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        delay();
        Gate gate = controls.held.remove(key);
        if (gate != null) {
            gate.hold();
        }
    }

    @Override
    protected InputStream doOpen(String key) {
        before(Operation.READ, key);
        if (controls.held.containsKey(key)) {
            // A held read must have fetched the whole value before it waits, or it would not be old.
            byte[] value;
            try (InputStream in = super.doOpen(key)) {
                value = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            answered(key);
            return new ByteArrayInputStream(value);
        }
        InputStream in = super.doOpen(key);
        answered(key);
        return in;
    }

    @Override
    protected InputStream doOpen(String key, long offset, long length) {
        before(Operation.READ, key);
        InputStream in = super.doOpen(key, offset, length);
        answered(key);
        return in;
    }

    @Override
    protected byte[] doGet(String key) {
        before(Operation.READ, key);
        byte[] value = super.doGet(key);
        answered(key);
        return value;
    }

    @Override
    protected Optional<byte[]> doFind(String key) {
        before(Operation.READ, key);
        Optional<byte[]> value = super.doFind(key);
        answered(key);
        return value;
    }

    @Override
    protected Map<String, byte[]> doGetAll(List<String> keys) {
        keys.forEach(k -> before(Operation.READ, k));
        Map<String, byte[]> values = super.doGetAll(keys);
        keys.forEach(this::answered);
        return values;
    }

    @Override
    protected long doSize(String key) {
        before(Operation.READ, key);
        return super.doSize(key);
    }

    @Override
    protected boolean doContains(String key) {
        before(Operation.READ, key);
        return super.doContains(key);
    }

    @Override
    protected void doPut(String key, InputStream data, Duration ttl) {
        before(Operation.WRITE, key);
        super.doPut(key, data, ttl);
    }

    @Override
    protected void doPut(String key, byte[] value, Duration ttl) {
        before(Operation.WRITE, key);
        super.doPut(key, value, ttl);
    }

    @Override
    protected boolean doPutIfAbsent(String key, byte[] value, Duration ttl) {
        before(Operation.WRITE, key);
        return super.doPutIfAbsent(key, value, ttl);
    }

    @Override
    protected boolean doCompareAndSet(String key, byte[] expected, byte[] replacement, Duration ttl) {
        before(Operation.WRITE, key);
        return super.doCompareAndSet(key, expected, replacement, ttl);
    }

    @Override
    protected void doDelete(String key) {
        before(Operation.DELETE, key);
        super.doDelete(key);
    }

    @Override
    protected void doDeleteAll(List<String> keys) {
        before(Operation.DELETE, keys.get(0));
        super.doDeleteAll(keys);
    }

    @Override
    protected Stream<String> doKeys(String prefix) {
        before(Operation.LIST, prefix);
        return super.doKeys(prefix);
    }

    @Override
    protected Stream<String> doPrefixes(String prefix, String delimiter) {
        before(Operation.LIST, prefix);
        return super.doPrefixes(prefix, delimiter);
    }

    @Override
    protected void doCopy(String from, String to) {
        before(Operation.WRITE, to);
        super.doCopy(from, to);
    }

    @Override
    protected void doMove(String from, String to) {
        before(Operation.WRITE, to);
        super.doMove(from, to);
    }

    /**
     * True, so that the decorator reads this tier on the calling thread: the contract's tests hold
     * and count calls and wait for the calling threads to park in the decorator, which a hand-off to
     * the decorator's hedge threads would hide (a caller waiting for its hedged read looks parked
     * before its read has answered). Its gates are released long before a fixture's read deadline.
     */
    @Override
    public boolean boundsReads() {
        return true;
    }

    @Override
    public Optional<byte[]> findWithin(String key, Duration deadline) {
        return find(key);
    }

    @Override
    public Optional<byte[]> findOrPut(String key, byte[] value, Duration ttl, Duration deadline) {
        ensureOpen();
        before(Operation.READ, key);
        Optional<byte[]> found;
        if (below instanceof CacheTierReads reads) {
            found = reads.findOrPut(key, value, ttl, deadline);
        } else {
            do {
                found = below.find(key);
            } while (found.isEmpty() && !below.putIfAbsent(key, value, ttl));
        }
        answered(key);
        return found;
    }

    /** The caller keeps the store below and closes it; closing a view closes nothing. */
    @Override
    protected void doClose() {
    }
}
