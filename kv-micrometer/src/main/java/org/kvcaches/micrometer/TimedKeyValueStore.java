package org.kvcaches.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.ListedValue;
import org.kvcaches.api.ValueInfo;
import org.kvcaches.api.spi.ForwardingKeyValueStore;

/**
 * A store that times every operation of the store it wraps and counts the bytes of the values it reads
 * and writes, as Micrometer meters: the timer {@code kv.store.operations} with the tags
 * {@code operation} ({@code get}, {@code put}, {@code delete}, {@code list} and the others of the API),
 * {@code outcome} ({@code success}, {@code not_found} for an absent key, {@code error}) and
 * {@code exception} (the error's simple class name, or {@code none}); and the counter
 * {@code kv.store.value.bytes} with {@code operation} {@code get} or {@code put} (streams, whose length
 * is not known up front, are timed but not counted). Every meter also carries {@code store} (the name
 * given) and {@code scheme}.
 *
 * <p>The meters are function meters over {@link LongAdder}s, read by the registry when it publishes.
 * They keep counts and total time, not percentiles. Every call is counted. Reads ({@code get} and
 * {@code find}, the hot path of a cache, where two clock reads would cost a fifth of a {@code heap:}
 * hit) are timed one in {@link Builder#readTimingSample(int) readTimingSample} at random, 16 by
 * default, and a timer's total time is its timed calls' total scaled to all its calls: counts are
 * exact, total and mean time are unbiased estimates (an outcome none of whose calls was timed yet
 * shows a total time of 0). Every other operation is timed on every call. A listing is timed until its
 * stream is returned (lazy stores list later, as the caller consumes it); an {@code open} until the
 * stream is returned.
 *
 * <p>Thread-safe if the wrapped store is; closing it closes the wrapped store. Names must be unique in
 * a registry: a second store registered under the same tags reuses the first one's meters.
 */
public final class TimedKeyValueStore extends ForwardingKeyValueStore {
    /** What {@link Operation#time} records for a call that found no value. */
    private static final long NOT_FOUND = -1;
    /** What {@link Operation#time} records for a value of unknown length (a stream). */
    private static final long UNKNOWN = -2;

    private final Operation get;
    private final Operation getAll;
    private final Operation open;
    private final Operation contains;
    private final Operation size;
    private final Operation stat;
    private final Operation put;
    private final Operation putIfAbsent;
    private final Operation compareAndSet;
    private final Operation delete;
    private final Operation deleteAll;
    private final Operation list;
    private final Operation listPrefixes;
    private final Operation copy;
    private final Operation move;

    /** Time one read in this many; 1 times every read. */
    private final int readTimingSample;

    private TimedKeyValueStore(KeyValueStore store, MeterRegistry registry, Tags tags, int readTimingSample) {
        super(store.toString(), store);
        this.readTimingSample = readTimingSample;
        get = new Operation(registry, tags, "get", true);
        getAll = new Operation(registry, tags, "get_all", false);
        open = new Operation(registry, tags, "open", false);
        contains = new Operation(registry, tags, "contains", false);
        size = new Operation(registry, tags, "size", false);
        stat = new Operation(registry, tags, "stat", false);
        put = new Operation(registry, tags, "put", true);
        putIfAbsent = new Operation(registry, tags, "put_if_absent", false);
        compareAndSet = new Operation(registry, tags, "compare_and_set", false);
        delete = new Operation(registry, tags, "delete", false);
        deleteAll = new Operation(registry, tags, "delete_all", false);
        list = new Operation(registry, tags, "list", false);
        listPrefixes = new Operation(registry, tags, "list_prefixes", false);
        copy = new Operation(registry, tags, "copy", false);
        move = new Operation(registry, tags, "move", false);
    }

    /**
     * Wraps a store so that its operations are timed, with the default read timing sample (one in 16).
     *
     * @param registry where the meters go
     * @param store the store to time (a single store, a tier of a chain, or a whole chain)
     * @param name the {@code store} tag's value, unique in the registry
     * @param tags more tags for every meter, e.g. {@code tier}
     * @return the timed store; use it instead of {@code store}
     */
    public static KeyValueStore monitor(MeterRegistry registry, KeyValueStore store, String name, Iterable<Tag> tags) {
        return builder(registry, store, name).tags(tags).build();
    }

    /**
     * Starts a timed store with options.
     *
     * @param registry where the meters go
     * @param store the store to time (a single store, a tier of a chain, or a whole chain)
     * @param name the {@code store} tag's value, unique in the registry
     * @return a builder
     */
    public static Builder builder(MeterRegistry registry, KeyValueStore store, String name) {
        return new Builder(registry, store, name);
    }

    /** @return whether this read is one of the sampled ones whose time is measured */
    private boolean timeThisRead() {
        return readTimingSample == 1 || ThreadLocalRandom.current().nextInt(readTimingSample) == 0;
    }

    // get and find, the hot path of a cache, are written out: no lambda to allocate or to call through,
    // and no clock read unless the read is sampled.

    @Override
    protected byte[] doGet(String key) {
        if (!timeThisRead()) {
            try {
                byte[] value = super.doGet(key);
                get.succeeded(Operation.UNTIMED, value.length);
                return value;
            } catch (RuntimeException | Error e) {
                get.failed(Operation.UNTIMED, e);
                throw e;
            }
        }
        long start = System.nanoTime();
        try {
            byte[] value = super.doGet(key);
            get.succeeded(start, value.length);
            return value;
        } catch (RuntimeException | Error e) {
            get.failed(start, e);
            throw e;
        }
    }

    @Override
    protected Optional<byte[]> doFind(String key) {
        if (!timeThisRead()) {
            try {
                Optional<byte[]> value = super.doFind(key);
                get.succeeded(Operation.UNTIMED, value.isPresent() ? value.get().length : NOT_FOUND);
                return value;
            } catch (RuntimeException | Error e) {
                get.failed(Operation.UNTIMED, e);
                throw e;
            }
        }
        long start = System.nanoTime();
        try {
            Optional<byte[]> value = super.doFind(key);
            get.succeeded(start, value.isPresent() ? value.get().length : NOT_FOUND);
            return value;
        } catch (RuntimeException | Error e) {
            get.failed(start, e);
            throw e;
        }
    }

    @Override
    protected Map<String, byte[]> doGetAll(List<String> keys) {
        return getAll.time(() -> super.doGetAll(keys), values -> UNKNOWN);
    }

    @Override
    protected InputStream doOpen(String key) {
        return open.time(() -> super.doOpen(key), stream -> UNKNOWN);
    }

    @Override
    protected InputStream doOpen(String key, long offset, long length) {
        return open.time(() -> super.doOpen(key, offset, length), stream -> UNKNOWN);
    }

    @Override
    protected boolean doContains(String key) {
        return contains.time(() -> super.doContains(key), found -> found ? UNKNOWN : NOT_FOUND);
    }

    @Override
    protected long doSize(String key) {
        return size.time(() -> super.doSize(key), bytes -> UNKNOWN);
    }

    @Override
    protected Optional<ValueInfo> doStat(String key) {
        return stat.time(() -> super.doStat(key), info -> info.isPresent() ? UNKNOWN : NOT_FOUND);
    }

    @Override
    protected void doPut(String key, byte[] value, Duration ttl) {
        put.time(() -> {
            super.doPut(key, value, ttl);
            return value;
        }, v -> v.length);
    }

    @Override
    protected void doPut(String key, InputStream data, Duration ttl) {
        put.time(() -> {
            super.doPut(key, data, ttl);
            return data;
        }, d -> UNKNOWN);
    }

    @Override
    protected boolean doPutIfAbsent(String key, byte[] value, Duration ttl) {
        return putIfAbsent.time(() -> super.doPutIfAbsent(key, value, ttl), written -> UNKNOWN);
    }

    @Override
    protected boolean doCompareAndSet(String key, byte[] expected, byte[] replacement, Duration ttl) {
        return compareAndSet.time(() -> super.doCompareAndSet(key, expected, replacement, ttl), swapped -> UNKNOWN);
    }

    @Override
    protected void doDelete(String key) {
        delete.time(() -> {
            super.doDelete(key);
            return key;
        }, k -> UNKNOWN);
    }

    @Override
    protected void doDeleteAll(List<String> keys) {
        deleteAll.time(() -> {
            super.doDeleteAll(keys);
            return keys;
        }, k -> UNKNOWN);
    }

    @Override
    protected Stream<String> doKeys(String prefix) {
        return list.time(() -> super.doKeys(prefix), keys -> UNKNOWN);
    }

    @Override
    protected Stream<ListedValue> doList(String prefix) {
        return list.time(() -> super.doList(prefix), values -> UNKNOWN);
    }

    @Override
    protected Stream<String> doPrefixes(String prefix, String delimiter) {
        return listPrefixes.time(() -> super.doPrefixes(prefix, delimiter), prefixes -> UNKNOWN);
    }

    @Override
    protected void doCopy(String from, String to) {
        copy.time(() -> {
            super.doCopy(from, to);
            return to;
        }, k -> UNKNOWN);
    }

    @Override
    protected void doMove(String from, String to) {
        move.time(() -> {
            super.doMove(from, to);
            return to;
        }, k -> UNKNOWN);
    }

    /** The meters of one operation: a timer per outcome, made on first use, and optionally a byte count. */
    private static final class Operation {
        /** The start time given for a call that is counted but not timed. */
        static final long UNTIMED = Long.MIN_VALUE;

        private final MeterRegistry registry;
        private final Tags tags;
        private final Tally success;
        private final LongAdder bytes;
        private final Map<String, Tally> others = new ConcurrentHashMap<>();

        Operation(MeterRegistry registry, Tags storeTags, String name, boolean countBytes) {
            this.registry = registry;
            this.tags = storeTags.and("operation", name);
            this.success = tally("success", "none");
            this.bytes = countBytes ? new LongAdder() : null;
            if (countBytes) {
                FunctionCounter.builder("kv.store.value.bytes", bytes, LongAdder::sum).tags(tags).baseUnit("bytes")
                        .description("The bytes of the values read or written as arrays").register(registry);
            }
        }

        /**
         * Runs a call and records its time under its outcome.
         *
         * @param call the call
         * @param length the value's length from the result, {@link #NOT_FOUND} or {@link #UNKNOWN}
         * @return the call's result
         */
        <T> T time(Supplier<T> call, ToLongFunction<T> length) {
            long start = System.nanoTime();
            T result;
            try {
                result = call.get();
            } catch (RuntimeException | Error e) {
                failed(start, e);
                throw e;
            }
            succeeded(start, length.applyAsLong(result));
            return result;
        }

        /**
         * @param start when the call began, from {@link System#nanoTime()}, or {@link #UNTIMED}
         * @param length the value's length, {@link #NOT_FOUND} or {@link #UNKNOWN}
         */
        void succeeded(long start, long length) {
            if (length == NOT_FOUND) {
                record(start, others.computeIfAbsent("not_found", k -> tally(k, "none")));
                return;
            }
            record(start, success);
            if (bytes != null && length >= 0) {
                bytes.add(length);
            }
        }

        /**
         * @param start when the call began, or {@link #UNTIMED}
         * @param failure what it threw: an absent key is {@code not_found}, anything else an error
         */
        void failed(long start, Throwable failure) {
            if (failure instanceof KeyNotFoundException) {
                record(start, others.computeIfAbsent("not_found", k -> tally(k, "none")));
            } else {
                record(start, others.computeIfAbsent(failure.getClass().getSimpleName(), k -> tally("error", k)));
            }
        }

        private static void record(long start, Tally tally) {
            if (start != UNTIMED) {
                tally.nanos.add(System.nanoTime() - start);
                tally.timed.increment();
            }
            tally.count.increment();
        }

        private Tally tally(String outcome, String exception) {
            Tally tally = new Tally();
            FunctionTimer.builder("kv.store.operations", tally, t -> t.count.sum(), Tally::totalNanos, TimeUnit.NANOSECONDS)
                    .tags(tags.and("outcome", outcome).and("exception", exception))
                    .description("The time of store operations").register(registry);
            return tally;
        }
    }

    /** Running count and time of one outcome, read by its {@link FunctionTimer}. */
    private static final class Tally {
        /** Every call. */
        final LongAdder count = new LongAdder();
        /** The calls whose time was measured. */
        final LongAdder timed = new LongAdder();
        /** The measured calls' total time. */
        final LongAdder nanos = new LongAdder();

        /** @return the measured total scaled to every call (exact when every call was measured) */
        double totalNanos() {
            long measured = timed.sum();
            long all = count.sum();
            double nanosMeasured = nanos.sum();
            return measured == 0 ? 0 : measured == all ? nanosMeasured : nanosMeasured * all / measured;
        }
    }

    /** Options of a {@link TimedKeyValueStore}; start with {@link TimedKeyValueStore#builder}. */
    public static final class Builder {
        /** The default {@link #readTimingSample(int)}: one read in 16 is timed. */
        public static final int DEFAULT_READ_TIMING_SAMPLE = 16;

        private final MeterRegistry registry;
        private final KeyValueStore store;
        private final String name;
        private Tags tags = Tags.empty();
        private int readTimingSample = DEFAULT_READ_TIMING_SAMPLE;

        private Builder(MeterRegistry registry, KeyValueStore store, String name) {
            this.registry = Objects.requireNonNull(registry, "registry");
            this.store = Objects.requireNonNull(store, "store");
            this.name = Objects.requireNonNull(name, "name");
        }

        /**
         * @param more tags for every meter, e.g. {@code tier}
         * @return this builder
         */
        public Builder tags(Iterable<Tag> more) {
            tags = tags.and(more);
            return this;
        }

        /**
         * Times one read ({@code get}, {@code find}) in {@code oneIn}, chosen at random; the others are
         * counted but not timed, and each timer's total time is scaled from its timed calls. 1 times
         * every read (two clock reads each, about 20% of a {@code heap:} hit).
         *
         * @param oneIn 1 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code oneIn} is less than 1
         */
        public Builder readTimingSample(int oneIn) {
            if (oneIn < 1) {
                throw new IllegalArgumentException("readTimingSample must be 1 or more (1 times every read), not " + oneIn);
            }
            readTimingSample = oneIn;
            return this;
        }

        /** @return the timed store; use it instead of the store given */
        public KeyValueStore build() {
            return new TimedKeyValueStore(store, registry,
                    tags.and("store", name).and("scheme", Schemes.of(store)), readTimingSample);
        }
    }
}
