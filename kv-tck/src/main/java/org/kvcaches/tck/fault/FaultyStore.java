package org.kvcaches.tck.fault;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KvException;
import org.kvcaches.api.ListedValue;
import org.kvcaches.api.ValueInfo;
import org.kvcaches.api.spi.ForwardingKeyValueStore;

/**
 * A store that forwards to another one and injects the faults a test plants, at run time: every
 * call of chosen kinds fails, or the next few, or a random share; calls are delayed; writes or
 * deletes are acknowledged but lost (an invalidation that never happened); read streams end early or
 * break midway; streamed puts break midway. It counts the calls of each kind and the faults it
 * injected, so a test can also check that a tier was left alone (a circuit breaker that opened).
 *
 * <pre>{@code
 * FaultyStore cache = new FaultyStore(KeyValueStores.open("heap:"));
 * KeyValueStore chain = CacheDecorator.builder(cache, store).build();
 * cache.failEverything();                  // the cache tier is down: reads must still work
 * cache.heal();
 * cache.fail(FaultyStore.Operation.DELETE); // invalidations fail (a thrown error)
 * cache.lose(FaultyStore.Operation.DELETE); // invalidations are lost (acknowledged, not done)
 * }</pre>
 *
 * <p>Faults of different kinds combine; a failure wins over a loss. Planted faults stay until
 * {@link #heal()}, except {@link #failNext}. Injected failures are {@link InjectedFault}s, so a test
 * can tell them from real ones. Closing this store closes the one below. Safe for concurrent use:
 * faults may be planted and healed while other threads call the store.
 */
public final class FaultyStore extends ForwardingKeyValueStore {
    /** The kinds of call a fault applies to. */
    public enum Operation {
        /** get, find, open (whole or range), size, contains, getAll. */
        READ,
        /** put in every form, putIfAbsent, compareAndSet, copy, move (a write of the target). */
        WRITE,
        /** delete and deleteAll: what a cache decorator's invalidations are. */
        DELETE,
        /** keys and prefixes. */
        LIST
    }

    /** How a read breaks after {@link #truncateReads(long, Truncation)}. */
    public enum Truncation {
        /**
         * The value ends early: a stream reports its end, and {@code get}, {@code find} and
         * {@code getAll} return the first bytes only, as a store that lost the rest would.
         */
        END_EARLY,
        /**
         * The read fails midway: a stream throws an {@link IOException} once the bytes are read, and
         * {@code get}, {@code find} and {@code getAll} of a longer value throw an {@link InjectedFault}.
         */
        THROW
    }

    /** A failure this store injected, as opposed to one of the store below. */
    public static final class InjectedFault extends KvException {
        private static final long serialVersionUID = 1L;

        /** @param message what failed, and where */
        public InjectedFault(String message) {
            super(message);
        }
    }

    private static final int ALWAYS = Integer.MAX_VALUE;
    private static final int KINDS = Operation.values().length;

    /** Per kind: how many calls still fail ({@link #ALWAYS} until healed). */
    private final AtomicIntegerArray failing = new AtomicIntegerArray(KINDS);
    /** Per kind: the probability, as double bits, that a call fails. */
    private final AtomicLongArray failRate = new AtomicLongArray(KINDS);
    /** Per kind: the delay in nanoseconds. */
    private final AtomicLongArray delays = new AtomicLongArray(KINDS);
    /** Per kind: 1 when its calls are acknowledged and dropped (WRITE and DELETE only). */
    private final AtomicIntegerArray losing = new AtomicIntegerArray(KINDS);
    private final AtomicLongArray calls = new AtomicLongArray(KINDS);
    private final AtomicLong injected = new AtomicLong();
    /** Reads deliver at most this many bytes (-1: whole values) and then break as {@link #truncation} says. */
    private volatile long readLimit = -1;
    private volatile Truncation truncation = Truncation.END_EARLY;
    /** Streamed and byte-array puts fail after this many bytes were read from the data (-1: never). */
    private volatile long putLimit = -1;

    /**
     * @param delegate the store below, which this store closes when it is closed
     */
    public FaultyStore(KeyValueStore delegate) {
        super("faulty(" + delegate + ")", delegate);
    }

    // ---- planting faults ----------------------------------------------------------------------

    /**
     * Makes every call of every kind fail with an {@link InjectedFault}, until {@link #heal()}.
     *
     * @return this store
     */
    public FaultyStore failEverything() {
        return fail(Operation.values());
    }

    /**
     * Makes every call of the given kinds fail with an {@link InjectedFault}, before it reaches the
     * store below, until {@link #heal()}.
     *
     * @param operations the kinds
     * @return this store
     */
    public FaultyStore fail(Operation... operations) {
        for (Operation operation : operations) {
            failing.set(operation.ordinal(), ALWAYS);
        }
        return this;
    }

    /**
     * Makes the next {@code times} calls of a kind fail with an {@link InjectedFault}, replacing any
     * count planted before.
     *
     * @param operation the kind
     * @param times how many calls, at least 0
     * @return this store
     */
    public FaultyStore failNext(Operation operation, int times) {
        if (times < 0) {
            throw new IllegalArgumentException("times must not be negative, got " + times);
        }
        failing.set(operation.ordinal(), times);
        return this;
    }

    /**
     * Makes each call of the given kinds fail with an {@link InjectedFault} with a probability, until
     * {@link #heal()}: a flaky link.
     *
     * @param probability from 0 (never) to 1 (always)
     * @param operations the kinds
     * @return this store
     */
    public FaultyStore failRandomly(double probability, Operation... operations) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("a probability is from 0 to 1, got " + probability);
        }
        for (Operation operation : operations) {
            failRate.set(operation.ordinal(), Double.doubleToLongBits(probability));
        }
        return this;
    }

    /**
     * Delays each call of the given kinds: a read's answer arrives late (it was fetched, then held,
     * so it may be old by the time it arrives), other calls start late. An interrupted delay throws
     * an {@link InjectedFault} and keeps the thread's interrupt flag.
     *
     * @param delay the delay; zero for none
     * @param operations the kinds
     * @return this store
     */
    public FaultyStore delay(Duration delay, Operation... operations) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay must not be negative, got " + delay);
        }
        for (Operation operation : operations) {
            delays.set(operation.ordinal(), delay.toNanos());
        }
        return this;
    }

    /**
     * Makes calls of the given kinds succeed without doing anything, until {@link #heal()}: deletes
     * (a cache's invalidations) are acknowledged and lost; writes are acknowledged and lost (their
     * data is still read to its end; putIfAbsent and compareAndSet report success).
     *
     * @param operations {@link Operation#WRITE} and/or {@link Operation#DELETE}
     * @return this store
     */
    public FaultyStore lose(Operation... operations) {
        for (Operation operation : operations) {
            if (operation != Operation.WRITE && operation != Operation.DELETE) {
                throw new IllegalArgumentException("only writes and deletes can be lost, not " + operation);
            }
            losing.set(operation.ordinal(), 1);
        }
        return this;
    }

    /**
     * Breaks every value read from now on after {@code bytes} bytes, until {@link #heal()}: its
     * stream ends early or throws, and so do {@code get}, {@code find} and {@code getAll} of longer
     * values (see {@link Truncation}). Shorter values are read whole.
     *
     * @param bytes the bytes delivered before the break, at least 0
     * @param how how the read breaks
     * @return this store
     */
    public FaultyStore truncateReads(long bytes, Truncation how) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative, got " + bytes);
        }
        truncation = how;
        readLimit = bytes;
        return this;
    }

    /**
     * Makes every put (streamed or of an array) fail midway from now on, until {@link #heal()}: the
     * store below reads {@code bytes} bytes of the value, then its data stream throws an
     * {@link IOException}, as a client's upload that breaks. The store below must keep the old value.
     *
     * @param bytes the bytes the store below can read before the break, at least 0
     * @return this store
     */
    public FaultyStore failPutsAfter(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative, got " + bytes);
        }
        putLimit = bytes;
        return this;
    }

    /**
     * Ends every planted fault; counts are kept.
     *
     * @return this store
     */
    public FaultyStore heal() {
        for (int i = 0; i < KINDS; i++) {
            failing.set(i, 0);
            failRate.set(i, 0);
            delays.set(i, 0);
            losing.set(i, 0);
        }
        readLimit = -1;
        putLimit = -1;
        return this;
    }

    // ---- counts -------------------------------------------------------------------------------

    /**
     * @param operation a kind
     * @return how many calls of that kind this store received, faulted or not (a getAll or deleteAll
     *     counts once)
     */
    public long calls(Operation operation) {
        return calls.get(operation.ordinal());
    }

    /** @return how many faults this store injected: failed, lost and truncated calls, broken puts */
    public long injectedFaults() {
        return injected.get();
    }

    // ---- the hooks ----------------------------------------------------------------------------

    /**
     * Counts the call, then fails it or delays it (except a read's delay, which comes after it).
     *
     * @return whether the call is to be lost
     */
    private boolean before(Operation operation, String key) {
        int kind = operation.ordinal();
        calls.incrementAndGet(kind);
        if (takeFailure(kind) || ThreadLocalRandom.current().nextDouble() < Double.longBitsToDouble(failRate.get(kind))) {
            injected.incrementAndGet();
            throw new InjectedFault("injected failure: " + operation + " of '" + key + "' in " + this);
        }
        if (operation != Operation.READ) {
            delay(kind, key);
        }
        if (losing.get(kind) == 1) {
            injected.incrementAndGet();
            return true;
        }
        return false;
    }

    private boolean takeFailure(int kind) {
        while (true) {
            int left = failing.get(kind);
            if (left <= 0) {
                return false;
            }
            if (left == ALWAYS || failing.compareAndSet(kind, left, left - 1)) {
                return true;
            }
        }
    }

    private void delay(int kind, String key) {
        long nanos = delays.get(kind);
        if (nanos > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InjectedFault("interrupted during an injected delay of '" + key + "' in " + this);
            }
        }
    }

    /** Delays a read's answer, then breaks a value longer than the read limit. */
    private byte[] answer(String key, byte[] value) {
        delay(Operation.READ.ordinal(), key);
        long limit = readLimit;
        if (limit < 0 || value.length <= limit) {
            return value;
        }
        injected.incrementAndGet();
        if (truncation == Truncation.THROW) {
            throw new InjectedFault("injected read failure after " + limit + " of " + value.length + " bytes of '" + key + "' in " + this);
        }
        return Arrays.copyOf(value, (int) limit);
    }

    private InputStream answer(String key, InputStream in) {
        delay(Operation.READ.ordinal(), key);
        long limit = readLimit;
        return limit < 0 ? in : new BreakingStream(in, limit, truncation == Truncation.THROW, key);
    }

    @Override
    protected InputStream doOpen(String key) {
        before(Operation.READ, key);
        return answer(key, super.doOpen(key));
    }

    @Override
    protected InputStream doOpen(String key, long offset, long length) {
        before(Operation.READ, key);
        return answer(key, super.doOpen(key, offset, length));
    }

    @Override
    protected byte[] doGet(String key) {
        before(Operation.READ, key);
        return answer(key, super.doGet(key));
    }

    @Override
    protected Optional<byte[]> doFind(String key) {
        before(Operation.READ, key);
        Optional<byte[]> value = super.doFind(key);
        return value.isPresent() ? Optional.of(answer(key, value.get())) : value;
    }

    @Override
    protected Map<String, byte[]> doGetAll(List<String> keys) {
        before(Operation.READ, keys.get(0));
        Map<String, byte[]> answered = new LinkedHashMap<>();
        super.doGetAll(keys).forEach((key, value) -> answered.put(key, answer(key, value)));
        return answered;
    }

    @Override
    protected long doSize(String key) {
        before(Operation.READ, key);
        long size = super.doSize(key);
        delay(Operation.READ.ordinal(), key);
        return size;
    }

    @Override
    protected Optional<ValueInfo> doStat(String key) {
        before(Operation.READ, key);
        Optional<ValueInfo> info = super.doStat(key);
        delay(Operation.READ.ordinal(), key);
        return info;
    }

    @Override
    protected boolean doContains(String key) {
        before(Operation.READ, key);
        boolean contains = super.doContains(key);
        delay(Operation.READ.ordinal(), key);
        return contains;
    }

    @Override
    protected void doPut(String key, InputStream data, Duration ttl) {
        if (before(Operation.WRITE, key)) {
            drain(data, key);
            return;
        }
        long limit = putLimit;
        super.doPut(key, limit < 0 ? data : new BreakingStream(data, limit, true, key), ttl);
    }

    @Override
    protected void doPut(String key, byte[] value, Duration ttl) {
        if (before(Operation.WRITE, key)) {
            return;
        }
        long limit = putLimit;
        if (limit < 0) {
            super.doPut(key, value, ttl);
        } else {
            super.doPut(key, new BreakingStream(new ByteArrayInputStream(value), limit, true, key), ttl);
        }
    }

    @Override
    protected boolean doPutIfAbsent(String key, byte[] value, Duration ttl) {
        return before(Operation.WRITE, key) || super.doPutIfAbsent(key, value, ttl);
    }

    @Override
    protected boolean doCompareAndSet(String key, byte[] expected, byte[] replacement, Duration ttl) {
        return before(Operation.WRITE, key) || super.doCompareAndSet(key, expected, replacement, ttl);
    }

    @Override
    protected void doCopy(String from, String to) {
        if (!before(Operation.WRITE, to)) {
            super.doCopy(from, to);
        }
    }

    @Override
    protected void doMove(String from, String to) {
        if (!before(Operation.WRITE, to)) {
            super.doMove(from, to);
        }
    }

    @Override
    protected void doDelete(String key) {
        if (!before(Operation.DELETE, key)) {
            super.doDelete(key);
        }
    }

    @Override
    protected void doDeleteAll(List<String> keys) {
        if (!before(Operation.DELETE, keys.get(0))) {
            super.doDeleteAll(keys);
        }
    }

    @Override
    protected Stream<String> doKeys(String prefix) {
        before(Operation.LIST, prefix);
        return super.doKeys(prefix);
    }

    @Override
    protected Stream<ListedValue> doList(String prefix) {
        before(Operation.LIST, prefix);
        return super.doList(prefix);
    }

    @Override
    protected Stream<String> doPrefixes(String prefix, String delimiter) {
        before(Operation.LIST, prefix);
        return super.doPrefixes(prefix, delimiter);
    }

    /** A lost put still reads its data to the end, as the store contract asks of every put. */
    private void drain(InputStream data, String key) {
        try {
            data.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new KvException("cannot read the data of '" + key + "': " + e.getMessage(), e);
        }
    }

    /** Delivers a number of bytes, then ends or throws; counts the break as an injected fault. */
    private final class BreakingStream extends FilterInputStream {
        private final boolean fail;
        private final String key;
        private long left;
        private boolean broken;

        BreakingStream(InputStream in, long limit, boolean fail, String key) {
            super(in);
            this.left = limit;
            this.fail = fail;
            this.key = key;
        }

        /**
         * @return whether the limit is reached: then the stream ends (true) or throws; a value that
         *     ends exactly at the limit is whole and ends as usual
         */
        private boolean atBreak() throws IOException {
            if (left > 0) {
                return false;
            }
            if (!broken) {
                if (super.read() < 0) {
                    return true;
                }
                broken = true;
                injected.incrementAndGet();
            }
            if (fail) {
                throw new IOException("injected stream failure of '" + key + "' in " + FaultyStore.this);
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            if (atBreak()) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (atBreak()) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, left));
            left -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), left);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
