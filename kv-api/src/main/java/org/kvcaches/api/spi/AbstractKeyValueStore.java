package org.kvcaches.api.spi;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.Keys;
import org.kvcaches.api.KvException;
import org.kvcaches.api.ListedValue;
import org.kvcaches.api.ValueInfo;

/**
 * The base class for stores and decorators. Its public methods are final: they check arguments, key
 * rules, capabilities and the closed state, and only then call the protected {@code do...} hooks, so
 * every store rejects bad input the same way and before any I/O.
 *
 * <p>A backend implements five primitives ({@link #doOpen}, {@link #doPut(String, InputStream, Duration)},
 * {@link #doDelete}, {@link #doKeys}, {@link #capabilities()}) and overrides the other hooks where its
 * medium does better than the defaults (byte arrays in terms of streams, {@code move} as copy and
 * delete, {@code prefixes} from {@code keys}, bulk operations as loops).
 *
 * <p>The rules every hook keeps (kv-tck's contract checks them):
 * <ul>
 *   <li><b>Arguments.</b> Hooks receive valid keys and prefixes, non-null values and streams, and a
 *       {@code ttl} that is positive, or {@code null} when the caller gave none; a {@code ttl} is
 *       only ever passed when the store reports {@link Capability#TTL}. Hooks are not called on a
 *       closed store, nor for a capability the store does not report.</li>
 *   <li><b>Absent keys.</b> A hook that reads one key ({@link #doOpen}, {@link #doGet},
 *       {@link #doSize}, {@link #doCopy}, {@link #doMove}) throws {@link KeyNotFoundException}
 *       naming the key when it has no value; {@link #doDelete} of an absent key does nothing;
 *       {@link #doStat} returns empty.</li>
 *   <li><b>Metadata.</b> {@link #doStat} and {@link #doList} report what the medium keeps and
 *       nothing else: a last-modified time or a version the medium does not have stays empty. A
 *       store that reports {@link Capability#LAST_MODIFIED} or {@link Capability#VERSION} fills
 *       that field for every value, the same in both hooks.</li>
 *   <li><b>Failures.</b> An I/O or server error reaches the caller as a {@link KvException} (unchecked)
 *       whose message names the operation and the key, with the original exception as its cause:
 *       never a raw {@code IOException} wrapped in {@code UncheckedIOException}, never a
 *       client library's own exception.</li>
 *   <li><b>Streams.</b> {@link #doPut(String, InputStream, Duration)} reads the caller's stream to its
 *       end and does not close it (the caller owns it); it holds a bounded buffer, never the whole
 *       value; when the stream or the medium fails half way the old value stays, nothing partial is
 *       visible, and no temporary file or key is left. A stream {@link #doOpen} returns is closed by
 *       the caller and must not hold the whole value in memory either.</li>
 *   <li><b>Listings.</b> {@link #doKeys} and {@link #doPrefixes} return each entry exactly once, read
 *       lazily (a page at a time, not everything before the first entry); a listing that holds a
 *       resource (a connection, a directory handle) releases it through the stream's
 *       {@link Stream#onClose(Runnable)}, which runs when the caller closes the stream.</li>
 *   <li><b>Description.</b> The description given to the constructor is what {@link #toString()}
 *       shows, in every message; it must hold no secret (build it with {@link StoreUri#toString()},
 *       which redacts passwords and keys).</li>
 *   <li><b>Threads.</b> Every hook may be called by many threads at once.</li>
 * </ul>
 */
public abstract class AbstractKeyValueStore implements KeyValueStore {
    private final String description;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param description what {@link #toString()} and every message show, usually the store's URI;
     *     must not contain secrets (use {@link StoreUri#toString()}, which redacts them)
     */
    protected AbstractKeyValueStore(String description) {
        this.description = Objects.requireNonNull(description, "description");
    }

    // ---- primitives ---------------------------------------------------------------------------

    /**
     * @param key a valid key
     * @return the value's bytes, streamed (not read into memory first), which the caller closes
     * @throws KeyNotFoundException when the key has no value
     * @throws KvException when the medium fails
     */
    protected abstract InputStream doOpen(String key);

    /**
     * Stores a streamed value atomically, through a bounded buffer: on any failure the old value must
     * remain, no partial value may ever be visible, and no temporary file or key may be left.
     *
     * @param key a valid key
     * @param data the bytes, to be read to the end and not closed (the caller owns the stream)
     * @param ttl the time to live, or {@code null} for none (only given when {@link Capability#TTL} is reported)
     * @throws KvException naming the key when the stream or the medium fails
     */
    protected abstract void doPut(String key, InputStream data, Duration ttl);

    /**
     * @param key a valid key, possibly absent (not an error)
     */
    protected abstract void doDelete(String key);

    /**
     * @param prefix a valid prefix, possibly {@code ""}
     * @return every key that starts with the prefix, exactly once, read lazily page by page; the
     *     caller closes the stream, and resources the listing holds are released through
     *     {@link Stream#onClose(Runnable)}
     */
    protected abstract Stream<String> doKeys(String prefix);

    // ---- hooks with defaults ------------------------------------------------------------------

    /**
     * @param key a valid key
     * @return the value
     * @throws KeyNotFoundException when the key has no value
     */
    protected byte[] doGet(String key) {
        try (InputStream in = doOpen(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new KvException("cannot read key '" + key + "' from " + this + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param key a valid key
     * @return the value, or empty
     */
    protected Optional<byte[]> doFind(String key) {
        try {
            return Optional.of(doGet(key));
        } catch (KeyNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * @param key a valid key
     * @param offset the first byte, {@code >= 0}
     * @param length the most bytes, {@code >= 0}
     * @return the range's bytes
     */
    protected InputStream doOpen(String key, long offset, long length) {
        InputStream in = doOpen(key);
        try {
            in.skipNBytes(Math.min(offset, Long.MAX_VALUE));
        } catch (java.io.EOFException e) {
            closeAfter(in, e);
            return InputStream.nullInputStream();
        } catch (IOException e) {
            closeAfter(in, e);
            throw new KvException("cannot read key '" + key + "' from " + this + ": " + e.getMessage(), e);
        }
        return new BoundedInputStream(in, length);
    }

    /**
     * @param key a valid key
     * @return the value's length
     */
    protected long doSize(String key) {
        try (InputStream in = doOpen(key)) {
            return in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new KvException("cannot read key '" + key + "' from " + this + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param key a valid key
     * @return whether it has a value
     */
    protected boolean doContains(String key) {
        try (InputStream ignored = doOpen(key)) {
            return true;
        } catch (KeyNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new KvException("cannot read key '" + key + "' from " + this + ": " + e.getMessage(), e);
        }
    }

    /**
     * The value's metadata. The default knows only the size, from {@link #doSize}; stores whose
     * medium keeps a modification time or a version override it to read them in the same request.
     *
     * @param key a valid key
     * @return the metadata, or empty when the key has no value
     */
    protected Optional<ValueInfo> doStat(String key) {
        try {
            return Optional.of(ValueInfo.of(doSize(key)));
        } catch (KeyNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Lists keys with metadata. The default asks {@link #doStat} for each key of {@link #doKeys} as
     * the stream reaches it, and leaves out keys deleted meanwhile; stores whose listing returns
     * metadata anyway override it to save the request per key.
     *
     * @param prefix a valid prefix, possibly {@code ""}
     * @return the keys of {@link #doKeys} with their metadata, lazily; the caller closes the stream
     */
    protected Stream<ListedValue> doList(String prefix) {
        return doKeys(prefix).flatMap(key -> doStat(key).map(info -> new ListedValue(key, info)).stream());
    }

    /**
     * @param key a valid key
     * @param value the value, owned by the callee (already a copy)
     * @param ttl the time to live or {@code null}
     */
    protected void doPut(String key, byte[] value, Duration ttl) {
        doPut(key, new ByteArrayInputStream(value), ttl);
    }

    /**
     * Only called when {@link Capability#PUT_IF_ABSENT} is reported (and {@link Capability#TTL} for a ttl).
     *
     * @param key a valid key
     * @param value the value, already a copy
     * @param ttl the time to live or {@code null}
     * @return whether this call stored it
     */
    protected boolean doPutIfAbsent(String key, byte[] value, Duration ttl) {
        throw new UnsupportedOperationException(this + " reports PUT_IF_ABSENT but does not implement it");
    }

    /**
     * Only called when {@link Capability#COMPARE_AND_SET} is reported (and {@link Capability#TTL} for a ttl).
     *
     * @param key a valid key
     * @param expected the value expected now
     * @param replacement the new value, already a copy
     * @param ttl the time to live or {@code null}
     * @return whether this call replaced it
     */
    protected boolean doCompareAndSet(String key, byte[] expected, byte[] replacement, Duration ttl) {
        throw new UnsupportedOperationException(this + " reports COMPARE_AND_SET but does not implement it");
    }

    /**
     * @param keys valid keys, without duplicates
     * @return the present ones with their values
     */
    protected Map<String, byte[]> doGetAll(List<String> keys) {
        Map<String, byte[]> found = new LinkedHashMap<>();
        for (String key : keys) {
            doFind(key).ifPresent(v -> found.put(key, v));
        }
        return found;
    }

    /**
     * @param keys valid keys, without duplicates
     */
    protected void doDeleteAll(List<String> keys) {
        for (String key : keys) {
            doDelete(key);
        }
    }

    /**
     * Lists one hierarchy level. The default filters {@link #doKeys(String)}; stores with folders or
     * delimiter listing override it.
     *
     * @param prefix a valid prefix
     * @param delimiter a non-empty delimiter
     * @return each entry once
     */
    protected Stream<String> doPrefixes(String prefix, String delimiter) {
        return doKeys(prefix).map(key -> {
            int at = key.indexOf(delimiter, prefix.length());
            return at < 0 ? key : key.substring(0, at + delimiter.length());
        }).distinct();
    }

    /**
     * Copies through this process by default. {@code from} and {@code to} differ.
     *
     * @param from a valid source key
     * @param to a valid destination key
     */
    protected void doCopy(String from, String to) {
        try (InputStream in = doOpen(from)) {
            doPut(to, in, null);
        } catch (IOException e) {
            throw new KvException("cannot copy '" + from + "' to '" + to + "' in " + this + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies then deletes by default. {@code from} and {@code to} differ.
     *
     * @param from a valid source key
     * @param to a valid destination key
     */
    protected void doMove(String from, String to) {
        doCopy(from, to);
        doDelete(from);
    }

    /**
     * Only called when {@link Capability#URL} is reported.
     *
     * @param key a valid key
     * @return the URL
     */
    protected URI doUrl(String key) {
        throw new UnsupportedOperationException(this + " reports URL but does not implement it");
    }

    /** Releases resources; called once, by the first {@link #close()}. */
    protected void doClose() {
    }

    // ---- the public contract ------------------------------------------------------------------

    @Override
    public final byte[] get(String key) {
        return doGet(check(key));
    }

    @Override
    public final Optional<byte[]> find(String key) {
        return doFind(check(key));
    }

    @Override
    public final InputStream open(String key) {
        return doOpen(check(key));
    }

    @Override
    public final InputStream open(String key, long offset, long length) {
        check(key);
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative, got " + offset + " and " + length);
        }
        return doOpen(key, offset, length);
    }

    @Override
    public final long copyTo(String key, OutputStream target) {
        check(key);
        Objects.requireNonNull(target, "target");
        try (InputStream in = doOpen(key)) {
            return in.transferTo(target);
        } catch (IOException e) {
            throw new KvException("cannot copy key '" + key + "' of " + this + " to a stream: " + e.getMessage(), e);
        }
    }

    @Override
    public final long copyTo(String key, Path target) {
        check(key);
        Objects.requireNonNull(target, "target");
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        try (InputStream in = doOpen(key)) {
            // The temp name adds ~30 characters to its prefix, so a long target name would make it
            // exceed the file system's name limit: keep only the start of the name.
            String name = absolute.getFileName().toString();
            Path temp = Files.createTempFile(dir, "." + name.substring(0, Math.min(name.length(), 32)), ".kv-tmp");
            try {
                long written = Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                try {
                    Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
                }
                return written;
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new KvException("cannot copy key '" + key + "' of " + this + " to file " + absolute + ": " + e, e);
        }
    }

    @Override
    public final long size(String key) {
        return doSize(check(key));
    }

    @Override
    public final boolean contains(String key) {
        return doContains(check(key));
    }

    @Override
    public final Optional<ValueInfo> stat(String key) {
        return doStat(check(key));
    }

    @Override
    public final void put(String key, byte[] value) {
        check(key);
        doPut(key, Objects.requireNonNull(value, "value").clone(), null);
    }

    @Override
    public final void put(String key, byte[] value, Duration ttl) {
        check(key);
        Objects.requireNonNull(value, "value");
        doPut(key, value.clone(), checkTtl(ttl));
    }

    @Override
    public final void put(String key, InputStream data) {
        check(key);
        doPut(key, Objects.requireNonNull(data, "data"), null);
    }

    @Override
    public final void put(String key, InputStream data, Duration ttl) {
        check(key);
        Objects.requireNonNull(data, "data");
        doPut(key, data, checkTtl(ttl));
    }

    @Override
    public final void put(String key, Path source) {
        check(key);
        Objects.requireNonNull(source, "source");
        try (InputStream in = Files.newInputStream(source)) {
            doPut(key, in, null);
        } catch (IOException e) {
            throw new KvException("cannot put file " + source + " as key '" + key + "' in " + this + ": " + e, e);
        }
    }

    @Override
    public final boolean putIfAbsent(String key, byte[] value) {
        check(key);
        Objects.requireNonNull(value, "value");
        require(Capability.PUT_IF_ABSENT, "putIfAbsent");
        return doPutIfAbsent(key, value.clone(), null);
    }

    @Override
    public final boolean putIfAbsent(String key, byte[] value, Duration ttl) {
        check(key);
        Objects.requireNonNull(value, "value");
        require(Capability.PUT_IF_ABSENT, "putIfAbsent");
        return doPutIfAbsent(key, value.clone(), checkTtl(ttl));
    }

    @Override
    public final boolean compareAndSet(String key, byte[] expected, byte[] replacement) {
        check(key);
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(replacement, "replacement");
        require(Capability.COMPARE_AND_SET, "compareAndSet");
        return doCompareAndSet(key, expected.clone(), replacement.clone(), null);
    }

    @Override
    public final boolean compareAndSet(String key, byte[] expected, byte[] replacement, Duration ttl) {
        check(key);
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(replacement, "replacement");
        require(Capability.COMPARE_AND_SET, "compareAndSet");
        return doCompareAndSet(key, expected.clone(), replacement.clone(), checkTtl(ttl));
    }

    @Override
    public final void delete(String key) {
        doDelete(check(key));
    }

    @Override
    public final Map<String, byte[]> getAll(Collection<String> keys) {
        List<String> checked = checkAll(keys);
        return checked.isEmpty() ? new LinkedHashMap<>() : doGetAll(checked);
    }

    @Override
    public final void deleteAll(Collection<String> keys) {
        List<String> checked = checkAll(keys);
        if (!checked.isEmpty()) {
            doDeleteAll(checked);
        }
    }

    @Override
    public final Stream<String> keys(String prefix) {
        ensureOpen();
        return doKeys(Keys.requireValidPrefix(prefix));
    }

    @Override
    public final Stream<ListedValue> list(String prefix) {
        ensureOpen();
        return doList(Keys.requireValidPrefix(prefix));
    }

    @Override
    public final Stream<String> prefixes(String prefix, String delimiter) {
        ensureOpen();
        Keys.requireValidPrefix(prefix);
        if (delimiter == null || delimiter.isEmpty()) {
            throw new IllegalArgumentException("a delimiter must be a non-empty string, such as \"/\"");
        }
        Keys.requireValidPrefix(delimiter);
        return doPrefixes(prefix, delimiter);
    }

    @Override
    public final void copy(String from, String to) {
        check(from);
        check(to);
        if (from.equals(to)) {
            if (!doContains(from)) {
                throw new KeyNotFoundException(from);
            }
            return;
        }
        doCopy(from, to);
    }

    @Override
    public final void move(String from, String to) {
        check(from);
        check(to);
        if (from.equals(to)) {
            if (!doContains(from)) {
                throw new KeyNotFoundException(from);
            }
            return;
        }
        doMove(from, to);
    }

    @Override
    public final URI url(String key) {
        check(key);
        require(Capability.URL, "url");
        return doUrl(key);
    }

    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            doClose();
        }
    }

    /** @return whether {@link #close()} has been called */
    protected final boolean isClosed() {
        return closed.get();
    }

    /** @return the description given at construction, which holds no secrets */
    @Override
    public String toString() {
        return description;
    }

    /**
     * A view of another store for a decorator's calls to it: when that store is an
     * {@code AbstractKeyValueStore}, calls go to its hooks after its closed check only, because this
     * store's public methods have already checked the keys, arguments and capabilities and copied the
     * arrays. Values passed through the view become the callee's; a tier therefore never re-validates
     * a key its outer tier checked. Other stores are returned as they are.
     *
     * @param store the store below a decorator
     * @return a view that skips the checks already made, or the store itself
     */
    protected static KeyValueStore trusted(KeyValueStore store) {
        return store instanceof AbstractKeyValueStore s ? new TrustedView(s) : store;
    }

    // ---- checks -------------------------------------------------------------------------------

    /**
     * Throws {@link IllegalStateException} when the store is closed.
     */
    protected final void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("store " + this + " is closed");
        }
    }

    private String check(String key) {
        ensureOpen();
        return Keys.requireValid(key);
    }

    private List<String> checkAll(Collection<String> keys) {
        ensureOpen();
        Objects.requireNonNull(keys, "keys");
        for (String key : keys) {
            Keys.requireValid(key);
        }
        return keys.stream().distinct().collect(Collectors.toList());
    }

    private Duration checkTtl(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a time to live must be positive, got " + ttl);
        }
        require(Capability.TTL, "a time to live");
        return ttl;
    }

    private void require(Capability capability, String operation) {
        Set<Capability> caps = capabilities();
        if (!caps.contains(capability)) {
            throw new UnsupportedOperationException(this + " does not support " + operation
                    + " (it lacks capability " + capability + "; it has " + caps + ")");
        }
    }

    private static void closeAfter(InputStream in, Exception failure) {
        try {
            in.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Stops after a number of bytes; closes the stream below. */
    private static final class BoundedInputStream extends FilterInputStream {
        private long remaining;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
