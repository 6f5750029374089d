package org.kvcaches.redis;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.Keys;
import org.kvcaches.api.KvException;
import org.kvcaches.api.spi.AbstractKeyValueStore;
import org.kvcaches.api.spi.CacheTierReads;
import org.kvcaches.api.spi.ReadDeadlineException;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.ScanIteration;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A store in a Redis database or cluster. Keys are the store's prefix followed by the key; values
 * are Redis strings. Listing uses SCAN with the prefix's glob characters escaped (never KEYS).
 *
 * <p>Streamed puts of values larger than one chunk append chunks to a temp key (in the target's
 * hash slot, with a TTL so a crashed writer leaves nothing forever) and rename it into place with a
 * script, so readers never see a partial value. Streamed reads of large values first copy the value
 * server-side to a snapshot key and page through that, so a concurrent overwrite never mixes two
 * versions. Values are limited to {@code maxValueSize} (Redis allows 512 MB).
 *
 * <p>As a cache tier ({@link CacheTierReads}): a standalone store opened by URI bounds a read by
 * the caller's deadline on the calling thread, with the socket's read timeout set for that one call
 * (a connection whose reply timed out is broken and closed, never reused with a reply still on its
 * way); and a miss reads and takes its lease in one call ({@code SET ... NX GET}, or, for large values
 * read as header and payload apart, one {@code MULTI} block). A store over a cluster or over a
 * caller's client cannot set a per-call timeout, and says so ({@link #boundsReads()}).
 */
final class RedisStore extends AbstractKeyValueStore implements CacheTierReads {
    static final int CHUNK = 1 << 20;
    /**
     * From this size on, a value found by two-part find-or-put is read in two parts rather than whole
     * and copied apart. A 64 KiB copy costs about 10 µs here, as much as the two extra commands cost
     * at about 4 KiB.
     */
    static final int SPLIT_FROM = 8 * 1024;
    private static final byte[] ZERO = {'0'};
    private static final byte[] LAST = {'-', '1'};
    private static final long TEMP_TTL_MILLIS = Duration.ofHours(1).toMillis();
    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            Capability.TTL, Capability.PUT_IF_ABSENT, Capability.COMPARE_AND_SET, Capability.SERVER_SIDE_COPY));
    private static final RedisScript CAS_SCRIPT = new RedisScript("if redis.call('GET', KEYS[1]) == ARGV[1] then "
            + "if ARGV[3] == '' then redis.call('SET', KEYS[1], ARGV[2]) else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end "
            + "return 1 else return 0 end");
    private static final RedisScript COMMIT_SCRIPT = new RedisScript("redis.call('RENAME', KEYS[1], KEYS[2]) "
            + "if ARGV[1] == '' then redis.call('PERSIST', KEYS[2]) else redis.call('PEXPIRE', KEYS[2], ARGV[1]) end return 1");
    /**
     * GET, and on a nil reply SET NX PX in the same atomic step: a cache miss's read and lease in one
     * round trip, for servers before Redis 7.0, which refuse {@code SET ... NX GET}.
     */
    static final RedisScript FIND_OR_PUT_SCRIPT = new RedisScript("local v = redis.call('GET', KEYS[1]) if v then return v end "
            + "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return false");
    /**
     * Connects for a bounded read that found no idle connection, so that the read waits for the
     * connect at most until its deadline; a connection that arrives later goes to the pool.
     */
    private static final Executor CONNECTOR = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kv-redis-connect");
        t.setDaemon(true);
        return t;
    });

    private final UnifiedJedis redis;
    private final boolean ownsClient;
    private final boolean cluster;
    private final String prefix;
    private final String server;
    private final long maxValueSize;
    /** The client's own pool when this store built it (standalone, by URI): bounded reads borrow from it; else null. */
    private final BoundedConnectionProvider connections;
    /** Set once the server refused {@code SET ... NX GET} (before Redis 7.0): find-or-put runs a script from then on. */
    private volatile boolean setGetRefused;
    /** Whether the value that two-part find-or-put found last was at least {@link #SPLIT_FROM} bytes: it reads in two parts then. */
    private volatile boolean largeValues;
    /** Set once the server refused {@code MULTI} (an ACL without transactions): two-part find-or-put reads whole from then on. */
    private volatile boolean twoPartsRefused;

    RedisStore(String description, String server, UnifiedJedis redis, boolean ownsClient, boolean cluster, String prefix, long maxValueSize,
               BoundedConnectionProvider connections) {
        super(description);
        this.connections = connections;
        this.redis = redis;
        this.ownsClient = ownsClient;
        this.cluster = cluster;
        this.prefix = prefix;
        this.server = server;
        this.maxValueSize = maxValueSize;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    private byte[] raw(String key) {
        return (prefix + key).getBytes(US_ASCII);
    }

    /** The Redis hash tag rule: the part in the first {...}, if non-empty, else the whole key. */
    private static String hashTag(String redisKey) {
        int open = redisKey.indexOf('{');
        if (open >= 0) {
            int close = redisKey.indexOf('}', open + 1);
            if (close > open + 1) {
                return redisKey.substring(open + 1, close);
            }
        }
        return redisKey;
    }

    /**
     * A key in the same hash slot as {@code key} that no store ever lists: it has spaces, which no
     * valid key has. Null on a cluster when the key's slot cannot be matched by a tag.
     */
    private byte[] companion(String key, String kind) {
        String redisKey = prefix + key;
        String tag = hashTag(redisKey);
        if (tag.indexOf('}') >= 0) {
            return null;
        }
        return ("{" + tag + "} kv " + kind + " " + UUID.randomUUID()).getBytes(US_ASCII);
    }

    private boolean sameSlot(String a, String b) {
        return !cluster || JedisClusterCRC16.getSlot(prefix + a) == JedisClusterCRC16.getSlot(prefix + b);
    }

    /** Runs a command, turning client failures into messages that name the server and what to check. */
    private <T> T call(String what, Supplier<T> command) {
        try {
            return command.get();
        } catch (JedisAccessControlException e) {
            throw new KvException("cannot " + what + " in Redis store " + this + ": authentication failed at " + server
                    + "; check the user name and password", e);
        } catch (JedisConnectionException e) {
            throw new KvException("cannot " + what + " in Redis store " + this + ": " + unreachable(e, server), e);
        } catch (JedisException e) {
            String message = String.valueOf(e.getMessage());
            String hint = message.contains("NOAUTH") || message.contains("WRONGPASS") ? "; check the user name and password"
                    : message.contains("DB index") ? "; check the database number in the URI"
                    : message.contains("CLUSTERDOWN") || message.contains("cluster") ? "; check that every cluster node is up"
                    : "";
            throw new KvException("cannot " + what + " in Redis store " + this + " at " + server + ": " + message + hint, e);
        }
    }

    /** Says why a connection failed and what to check: a busy pool, a timeout, an untrusted certificate, or no server. */
    static String unreachable(JedisConnectionException e, String server) {
        if (e instanceof BoundedConnectionProvider.PoolWaitTimeoutException) {
            return e.getMessage() + " waiting for a connection to Redis at " + server
                    + " (option timeout); the server is slow or unreachable, or option pool is too small for the load";
        }
        if (RedisTls.untrusted(e)) {
            return "the TLS certificate of Redis at " + server + " was not trusted (" + rootMessage(e)
                    + "); give its CA certificate with option caCert=<PEM file> or add it to the JVM trust store,"
                    + " and check that the certificate names the host";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException) {
                return "Redis at " + server + " did not answer within the timeout (option timeout; " + rootMessage(e)
                        + "); check that the server runs and is not overloaded, and that nothing between drops traffic";
            }
        }
        return "cannot reach Redis at " + server + " (" + rootMessage(e) + "); check that the server runs and the address and port are right";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + root.getMessage();
    }

    @Override
    protected byte[] doGet(String key) {
        byte[] value = call("read key '" + key + "'", () -> redis.get(raw(key)));
        if (value == null) {
            throw new KeyNotFoundException(key);
        }
        return value;
    }

    @Override
    protected java.util.Optional<byte[]> doFind(String key) {
        return java.util.Optional.ofNullable(call("read key '" + key + "'", () -> redis.get(raw(key))));
    }

    @Override
    public boolean boundsReads() {
        return connections != null;
    }

    @Override
    public java.util.Optional<byte[]> findWithin(String key, Duration deadline) {
        Keys.requireValid(key);
        if (connections == null) {
            return doFind(key);
        }
        CommandObject<byte[]> get = new CommandObject<>(new CommandArguments(Protocol.Command.GET).key(raw(key)), BuilderFactory.BINARY);
        return java.util.Optional.ofNullable(within("read key '" + key + "'", deadline, c -> c.executeCommand(get)));
    }

    /**
     * {@code SET key value NX PX ttl GET}: one native command that returns a present value untouched
     * and puts an absent one. Measured against the alternatives on a present key (RedisCacheTierBenchmark,
     * loopback): 1.1x a GET at 1 KiB and 64 KiB, where a Lua script doing the same took 1.6x and 4.5x
     * (a script copies the value into Lua and back), so a cache hit can go through it too and a miss
     * costs two round trips instead of three. Servers before 7.0 refuse NX with GET; the script
     * serves them.
     */
    @Override
    public java.util.Optional<byte[]> findOrPut(String key, byte[] value, Duration ttl, Duration deadline) {
        byte[] k = checkedFindOrPut(key, value);
        byte[] ttlMillis = ttlMillis(ttl);
        CommandObject<byte[]> setNxGet = new CommandObject<>(new CommandArguments(Protocol.Command.SET).key(k).add(value)
                .add(Protocol.Keyword.NX).add(Protocol.Keyword.PX).add(ttlMillis).add(Protocol.Keyword.GET), BuilderFactory.BINARY);
        List<byte[]> keys = List.of(k);
        List<byte[]> args = List.of(value, ttlMillis);
        String what = "read or lease key '" + key + "'";
        Object found = connections == null
                ? call(what, () -> setNxGetOrScript(() -> redis.executeCommand(setNxGet), () -> FIND_OR_PUT_SCRIPT.run(redis, keys, args)))
                : within(what, deadline, c -> setNxGetOrScript(() -> c.executeCommand(setNxGet), () -> FIND_OR_PUT_SCRIPT.run(c, keys, args)));
        return java.util.Optional.ofNullable((byte[]) found);
    }

    /**
     * Reads a found value in two parts once values this store found were large: in one round trip,
     * {@code MULTI}, {@code SET key value NX PX ttl}, {@code GETRANGE} of the head, {@code GETRANGE}
     * of the rest, {@code EXEC}, so that the rest arrives in an array of its own and is not copied
     * out of the whole. Small values go through {@code SET ... NX GET} and are split by copying,
     * which is cheaper below {@link #SPLIT_FROM} (measured in {@code RedisCacheTierBenchmark}). A store
     * over a cluster or a caller's client always reads whole, and so does one whose user may not run
     * {@code MULTI}, once refused.
     */
    @Override
    public java.util.Optional<Parts> findOrPut(String key, byte[] value, Duration ttl, Duration deadline, int headLength) {
        if (connections == null || !largeValues || twoPartsRefused) {
            java.util.Optional<Parts> found = CacheTierReads.super.findOrPut(key, value, ttl, deadline, headLength);
            found.ifPresent(this::noteSize);
            return found;
        }
        byte[] k = checkedFindOrPut(key, value);
        byte[] ttlMillis = ttlMillis(ttl);
        byte[] lastOfHead = Integer.toString(Math.max(0, headLength) - 1).getBytes(US_ASCII);
        byte[] firstOfRest = Integer.toString(Math.max(0, headLength)).getBytes(US_ASCII);
        Object[] executed = within("read or lease key '" + key + "'", deadline, c -> {
            c.sendCommand(Protocol.Command.MULTI);
            c.sendCommand(Protocol.Command.SET, k, value, Protocol.Keyword.NX.getRaw(), Protocol.Keyword.PX.getRaw(), ttlMillis);
            c.sendCommand(Protocol.Command.GETRANGE, k, ZERO, lastOfHead);
            c.sendCommand(Protocol.Command.GETRANGE, k, firstOfRest, LAST);
            c.sendCommand(Protocol.Command.EXEC);
            List<Object> replies = c.getMany(5);
            if (replies.get(0) instanceof JedisDataException) {
                // MULTI refused (a user whose ACL leaves out transactions): the three commands ran one by
                // one, and their replies still answer this call (a torn read fails the caller's
                // checksum); later calls read whole.
                twoPartsRefused = true;
                return answersOf(replies.subList(1, 4));
            }
            answersOf(replies);
            return answersOf((List<?>) replies.get(4));
        });
        if (executed[0] != null) {
            return java.util.Optional.empty();
        }
        Parts found = new Parts(headLength > 0 ? (byte[]) executed[1] : new byte[0], (byte[]) executed[2]);
        noteSize(found);
        return java.util.Optional.of(found);
    }

    /**
     * @return the replies, when none is an error
     * @throws JedisDataException the first error among them (WRONGTYPE, OOM, EXECABORT), which
     *     {@link #call} turns into the same message as any other command's error
     */
    private static Object[] answersOf(List<?> replies) {
        for (Object reply : replies) {
            if (reply instanceof JedisDataException e) {
                throw e;
            }
        }
        return replies.toArray();
    }

    /** @return the raw key of a find-or-put, after checking the key and the size of the value it may put */
    private byte[] checkedFindOrPut(String key, byte[] value) {
        Keys.requireValid(key);
        checkSize(key, value.length);
        return raw(key);
    }

    /** @return a time to live as the milliseconds argument of {@code PX}, at least 1 */
    private static byte[] ttlMillis(Duration ttl) {
        return Long.toString(Math.max(1, ttl.toMillis())).getBytes(US_ASCII);
    }

    /** Switches between whole and two-part reads by the size of the value found last. */
    private void noteSize(Parts found) {
        boolean large = found.head().length + found.rest().length >= SPLIT_FROM;
        if (large != largeValues) {
            largeValues = large;
        }
    }

    private Object setNxGetOrScript(Supplier<byte[]> setNxGet, Supplier<Object> script) {
        if (!setGetRefused) {
            try {
                return setNxGet.get();
            } catch (JedisDataException e) {
                if (!String.valueOf(e.getMessage()).contains("syntax error")) {
                    throw e;
                }
                setGetRefused = true;
            }
        }
        return script.get();
    }

    /**
     * Runs one command on a pooled connection whose socket read timeout is the deadline for this
     * call only. A reply that times out leaves the connection broken (Jedis marks it), so the pool
     * closes it instead of handing it out with a late reply still to come.
     */
    private <T> T within(String what, Duration deadline, Function<Connection, T> command) {
        ensureOpen();
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        Connection connection = borrow(what, deadline);
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
        int usual = connection.getSoTimeout();
        try {
            connection.setSoTimeout(millis);
            return call(what, () -> command.apply(connection));
        } catch (KvException e) {
            if (timedOut(e)) {
                throw new ReadDeadlineException("Redis store " + this + " did not answer within " + deadline.toMillis() + " ms (asked to "
                        + what + ")", e.getCause());
            }
            throw e;
        } finally {
            if (!connection.isBroken()) {
                connection.setSoTimeout(usual);
            }
            connection.close();
        }
    }

    /**
     * An idle connection at once, or else one connected on another thread and waited for until the
     * deadline: connecting and the handshake would otherwise take up to the store's whole timeout.
     */
    private Connection borrow(String what, Duration deadline) {
        Connection idle = connections.idleConnection();
        if (idle != null) {
            return idle;
        }
        CompletableFuture<Connection> connecting = CompletableFuture.supplyAsync(connections::getConnection, CONNECTOR);
        try {
            return connecting.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            connecting.thenAccept(Connection::close);
            throw new ReadDeadlineException("Redis store " + this + " could not connect within " + deadline.toMillis() + " ms (asked to "
                    + what + ")", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connecting.thenAccept(Connection::close);
            throw new KvException("interrupted while connecting to " + what + " in Redis store " + this, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                return call(what, () -> {
                    throw r;
                });
            }
            throw new KvException("cannot " + what + " in Redis store " + this + ": " + cause, cause);
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected boolean doContains(String key) {
        return call("look up key '" + key + "'", () -> redis.exists(raw(key)));
    }

    @Override
    protected long doSize(String key) {
        byte[] k = raw(key);
        long size = call("read the size of key '" + key + "'", () -> redis.strlen(k));
        if (size == 0 && !doContains(key)) {
            throw new KeyNotFoundException(key);
        }
        return size;
    }

    @Override
    protected InputStream doOpen(String key) {
        byte[] k = raw(key);
        long size = call("read key '" + key + "'", () -> redis.strlen(k));
        byte[] snapshot = size > CHUNK ? companion(key, "snapshot") : null;
        if (snapshot == null) {
            return new ByteArrayInputStream(doGet(key));
        }
        boolean copied = call("read key '" + key + "'", () -> redis.copy(k, snapshot, true));
        if (!copied) {
            throw new KeyNotFoundException(key);
        }
        call("read key '" + key + "'", () -> redis.pexpire(snapshot, TEMP_TTL_MILLIS));
        return new SnapshotStream(key, snapshot, call("read key '" + key + "'", () -> redis.strlen(snapshot)));
    }

    /** Pages through a server-side snapshot of a large value; deletes the snapshot when closed. */
    private final class SnapshotStream extends InputStream {
        private final String key;
        private final byte[] snapshot;
        private final long length;
        private long position;
        private byte[] page = new byte[0];
        private int pagePosition;
        private boolean closed;

        SnapshotStream(String key, byte[] snapshot, long length) {
            this.key = key;
            this.snapshot = snapshot;
            this.length = length;
        }

        private boolean fill() {
            if (pagePosition < page.length) {
                return true;
            }
            if (position >= length || closed) {
                return false;
            }
            long end = Math.min(position + CHUNK, length) - 1;
            long start = position;
            page = call("read key '" + key + "'", () -> redis.getrange(snapshot, start, end));
            pagePosition = 0;
            position += page.length;
            return page.length > 0;
        }

        @Override
        public int read() {
            return fill() ? page[pagePosition++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) {
            if (count == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(count, page.length - pagePosition);
            System.arraycopy(page, pagePosition, buffer, offset, n);
            pagePosition += n;
            return n;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                call("release a read of key '" + key + "'", () -> redis.del(snapshot));
            }
        }
    }

    @Override
    protected void doPut(String key, byte[] value, Duration ttl) {
        checkSize(key, value.length);
        SetParams params = ttl == null ? null : SetParams.setParams().px(ttl.toMillis());
        call("write key '" + key + "'", () -> params == null ? redis.set(raw(key), value) : redis.set(raw(key), value, params));
    }

    private void checkSize(String key, long size) {
        if (size > maxValueSize) {
            throw new KvException("cannot write key '" + key + "' to Redis store " + this + ": the value is over the maximum of "
                    + maxValueSize + " bytes (option maxValueSize; Redis allows 512 MB)");
        }
    }

    @Override
    protected void doPut(String key, InputStream data, Duration ttl) {
        byte[] first;
        try {
            first = data.readNBytes(CHUNK);
            if (first.length < CHUNK) {
                doPut(key, first, ttl);
                return;
            }
        } catch (IOException e) {
            throw new KvException("cannot write key '" + key + "' to Redis store " + this + ": reading the value failed: " + e.getMessage(), e);
        }
        byte[] temp = companion(key, "upload");
        if (temp == null) {
            try {
                byte[] rest = data.readAllBytes();
                checkSize(key, (long) first.length + rest.length);
                byte[] whole = new byte[first.length + rest.length];
                System.arraycopy(first, 0, whole, 0, first.length);
                System.arraycopy(rest, 0, whole, first.length, rest.length);
                doPut(key, whole, ttl);
                return;
            } catch (IOException e) {
                throw new KvException("cannot write key '" + key + "' to Redis store " + this + ": reading the value failed: " + e.getMessage(), e);
            }
        }
        try {
            long total = first.length;
            call("write key '" + key + "'", () -> redis.set(temp, first, SetParams.setParams().px(TEMP_TTL_MILLIS)));
            byte[] chunk;
            while ((chunk = data.readNBytes(CHUNK)).length > 0) {
                total += chunk.length;
                checkSize(key, total);
                byte[] next = chunk;
                call("write key '" + key + "'", () -> redis.append(temp, next));
            }
            String ttlMillis = ttl == null ? "" : Long.toString(ttl.toMillis());
            call("write key '" + key + "'", () -> COMMIT_SCRIPT.run(redis, List.of(temp, raw(key)), List.of(ttlMillis.getBytes(US_ASCII))));
        } catch (IOException e) {
            discard(temp);
            throw new KvException("cannot write key '" + key + "' to Redis store " + this + ": reading the value failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            discard(temp);
            throw e;
        }
    }

    private void discard(byte[] temp) {
        try {
            redis.del(temp);
        } catch (JedisException e) {
            // The temp key expires on its own within an hour.
        }
    }

    @Override
    protected boolean doPutIfAbsent(String key, byte[] value, Duration ttl) {
        checkSize(key, value.length);
        SetParams params = SetParams.setParams().nx();
        if (ttl != null) {
            params.px(ttl.toMillis());
        }
        return "OK".equals(call("write key '" + key + "'", () -> redis.set(raw(key), value, params)));
    }

    @Override
    protected boolean doCompareAndSet(String key, byte[] expected, byte[] replacement, Duration ttl) {
        checkSize(key, replacement.length);
        byte[] ttlMillis = (ttl == null ? "" : Long.toString(ttl.toMillis())).getBytes(US_ASCII);
        Object result = call("write key '" + key + "'",
                () -> CAS_SCRIPT.run(redis, List.of(raw(key)), List.of(expected, replacement, ttlMillis)));
        return Long.valueOf(1).equals(result);
    }

    @Override
    protected void doDelete(String key) {
        call("delete key '" + key + "'", () -> redis.del(raw(key)));
    }

    @Override
    protected void doDeleteAll(List<String> keys) {
        for (List<byte[]> group : bySlot(keys)) {
            call("delete keys", () -> redis.del(group.toArray(new byte[0][])));
        }
    }

    @Override
    protected Map<String, byte[]> doGetAll(List<String> keys) {
        Map<String, byte[]> found = new LinkedHashMap<>();
        int index = 0;
        List<List<byte[]>> groups = bySlot(keys);
        List<String> ordered = new ArrayList<>();
        for (List<byte[]> group : groups) {
            for (byte[] k : group) {
                ordered.add(new String(k, US_ASCII).substring(prefix.length()));
            }
        }
        for (List<byte[]> group : groups) {
            List<byte[]> values = call("read keys", () -> redis.mget(group.toArray(new byte[0][])));
            for (byte[] value : values) {
                String key = ordered.get(index++);
                if (value != null) {
                    found.put(key, value);
                }
            }
        }
        return found;
    }

    /** One group for a standalone server; one group per hash slot on a cluster, for multi-key commands. */
    private List<List<byte[]>> bySlot(List<String> keys) {
        if (!cluster) {
            List<byte[]> all = new ArrayList<>(keys.size());
            keys.forEach(k -> all.add(raw(k)));
            return List.of(all);
        }
        Map<Integer, List<byte[]>> groups = new TreeMap<>();
        for (String key : keys) {
            groups.computeIfAbsent(JedisClusterCRC16.getSlot(prefix + key), s -> new ArrayList<>()).add(raw(key));
        }
        return new ArrayList<>(groups.values());
    }

    @Override
    protected void doCopy(String from, String to) {
        if (sameSlot(from, to)) {
            boolean copied = call("copy key '" + from + "' to '" + to + "'", () -> redis.copy(raw(from), raw(to), true));
            if (!copied) {
                throw new KeyNotFoundException(from);
            }
        } else {
            doPut(to, doGet(from), null);
        }
    }

    @Override
    protected void doMove(String from, String to) {
        if (sameSlot(from, to)) {
            try {
                call("move key '" + from + "' to '" + to + "'", () -> redis.rename(raw(from), raw(to)));
            } catch (KvException e) {
                if (e.getCause() != null && String.valueOf(e.getCause().getMessage()).contains("no such key")) {
                    throw new KeyNotFoundException(from);
                }
                throw e;
            }
        } else {
            doCopy(from, to);
            doDelete(from);
        }
    }

    /** One SCAN walk over the standalone server, or over every master of a cluster. */
    private interface ScanWalk {
        boolean done();

        List<String> next();
    }

    private ScanWalk scan(String match) {
        if (cluster) {
            ScanIteration iteration = redis.scanIteration(1000, match);
            return new ScanWalk() {
                @Override
                public boolean done() {
                    return iteration.isIterationCompleted();
                }

                @Override
                public List<String> next() {
                    return new ArrayList<>(iteration.nextBatchList());
                }
            };
        }
        // A plain cursor loop, so a standalone store needs nothing from its connection provider but connections.
        ScanParams params = new ScanParams().match(match).count(1000);
        return new ScanWalk() {
            private String cursor = ScanParams.SCAN_POINTER_START;
            private boolean started;

            @Override
            public boolean done() {
                return started && cursor.equals(ScanParams.SCAN_POINTER_START);
            }

            @Override
            public List<String> next() {
                ScanResult<String> page = redis.scan(cursor, params);
                started = true;
                cursor = page.getCursor();
                return page.getResult();
            }
        };
    }

    @Override
    protected Stream<String> doKeys(String keyPrefix) {
        String match = escapeGlob(prefix + keyPrefix) + "*";
        ScanWalk scan = call("list keys", () -> scan(match));
        Set<String> seen = new HashSet<>();
        Iterator<String> keys = new Iterator<>() {
            private Iterator<String> batch = Collections.emptyIterator();
            private String next;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    while (!batch.hasNext()) {
                        if (scan.done()) {
                            return false;
                        }
                        batch = call("list keys", scan::next).iterator();
                    }
                    String redisKey = batch.next();
                    String key = redisKey.substring(prefix.length());
                    // SCAN may return a key twice; temp and snapshot keys are never valid keys.
                    if (Keys.isValid(key) && seen.add(key)) {
                        next = key;
                    }
                }
                return true;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String key = next;
                next = null;
                return key;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(keys, Spliterator.DISTINCT | Spliterator.NONNULL), false);
    }

    /** Escapes the characters SCAN's MATCH treats as glob syntax. */
    static String escapeGlob(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    @Override
    protected void doClose() {
        if (ownsClient) {
            redis.close();
        }
    }
}
