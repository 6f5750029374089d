package org.kvcaches.tck;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KvException;
import org.kvcaches.api.ListedValue;
import org.kvcaches.api.ValueInfo;

/**
 * Stores with one planted defect each, and a contract class per store. {@link PlantedDefectsTest} runs
 * each class through the JUnit testkit and checks that the contract catches the defect in the tests
 * aimed at it. Surefire never runs these classes directly (see kv-tck/pom.xml).
 */
final class PlantedDefects {
    private PlantedDefects() {
    }

    /** A fixture for stores made by a supplier, with small sizes so each run is quick. */
    static StoreFixture fixture(Supplier<KeyValueStore> stores) {
        return new StoreFixture() {
            @Override
            public KeyValueStore newStore() {
                return stores.get();
            }

            @Override
            public int listingPageSize() {
                return 10;
            }

            @Override
            public long largeValueSize() {
                return 2L << 20;
            }

            @Override
            public String valuesOnTheHeap() {
                return MEM_VALUES;
            }
        };
    }

    /** Why the stores of {@link #fixture} skip the bounded-memory check of streamed puts. */
    static final String MEM_VALUES = "ForwardingStore keeps its values in a mem: store";

    /**
     * A fixture for stores that keep values in files, so that the bounded-memory checks apply; the
     * large value is big enough that the heap's noise cannot hide a value held whole.
     */
    static StoreFixture filesFixture(Supplier<KeyValueStore> stores) {
        return new StoreFixture() {
            @Override
            public KeyValueStore newStore() {
                return stores.get();
            }

            @Override
            public int listingPageSize() {
                return 10;
            }

            @Override
            public long largeValueSize() {
                return 8L << 20;
            }
        };
    }

    /** A fixture that forwards to another; a planted defect's fixture overrides only what it changes. */
    static class ForwardingFixture implements StoreFixture {
        private final StoreFixture base;

        ForwardingFixture(StoreFixture base) {
            this.base = base;
        }

        @Override
        public KeyValueStore newStore() {
            return base.newStore();
        }

        @Override
        public int listingPageSize() {
            return base.listingPageSize();
        }

        @Override
        public long largeValueSize() {
            return base.largeValueSize();
        }

        @Override
        public String valuesOnTheHeap() {
            return base.valuesOnTheHeap();
        }
    }

    /** Spools each streamed put to a temp file in a folder, and forgets the file when the stream fails. */
    static class SpoolingStore extends ForwardingStore {
        private final Path spool;

        SpoolingStore(String description, Path spool) {
            super(description);
            this.spool = spool;
        }

        @Override
        protected void doPut(String key, InputStream data, Duration ttl) {
            try {
                Path temp = Files.createTempFile(spool, "put", ".tmp");
                Files.copy(data, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                try (InputStream in = Files.newInputStream(temp)) {
                    super.doPut(key, in, ttl);
                }
                Files.delete(temp);
            } catch (IOException e) {
                throw new KvException("cannot put key '" + key + "': " + e.getMessage(), e);
            }
        }
    }

    /** @return the files in a spool folder */
    static List<Path> spooled(Path spool) {
        try (Stream<Path> files = Files.list(spool)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteFiles(List<Path> files) {
        try {
            for (Path file : files) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops the key that starts the second page of every listing. */
    static class LosesKeyAtPageBoundary implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("loses-key-at-page-boundary") {
                @Override
                protected Stream<String> doKeys(String prefix) {
                    AtomicInteger index = new AtomicInteger();
                    return inner.keys(prefix).filter(k -> index.getAndIncrement() != 10);
                }
            });
        }
    }

    /** Lists the keys of a page boundary twice. */
    static class ListsKeyTwiceAtPageBoundary implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("lists-key-twice") {
                @Override
                protected Stream<String> doKeys(String prefix) {
                    List<String> keys = new ArrayList<>(inner.keys(prefix).toList());
                    if (keys.size() > 10) {
                        keys.add(keys.get(10));
                    }
                    return keys.stream();
                }
            });
        }
    }

    /** Stores values only up to their first zero byte. */
    static class TruncatesAtZeroByte implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("truncates-at-zero") {
                @Override
                protected void doPut(String key, byte[] value, Duration ttl) {
                    int zero = 0;
                    while (zero < value.length && value[zero] != 0) {
                        zero++;
                    }
                    super.doPut(key, Arrays.copyOf(value, zero), ttl);
                }
            });
        }
    }

    /** Replaces a value by deleting it first, so readers can find no value. */
    static class NonAtomicOverwrite implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("non-atomic-overwrite") {
                @Override
                protected void doPut(String key, byte[] value, Duration ttl) {
                    inner.delete(key);
                    // A window of a few milliseconds, sleeping so that the reader gets the CPU even on a
                    // loaded machine (a 200 us spin was missed once under load).
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    super.doPut(key, value, ttl);
                }
            });
        }
    }

    /** Throws when deleting a key that is not there. */
    static class ThrowsOnDeletingAbsentKey implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("throws-on-absent-delete") {
                @Override
                protected void doDelete(String key) {
                    if (!inner.contains(key)) {
                        throw new KeyNotFoundException(key);
                    }
                    inner.delete(key);
                }
            });
        }
    }

    /** Lists every key whatever the prefix. */
    static class IgnoresPrefixInListing implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("ignores-prefix") {
                @Override
                protected Stream<String> doKeys(String prefix) {
                    return inner.keys("");
                }
            });
        }
    }

    /** Claims TTL, accepts it, and keeps values forever. */
    static class ClaimsTtlButNeverExpires implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("never-expires") {
                @Override
                protected void doPut(String key, byte[] value, Duration ttl) {
                    super.doPut(key, value, null);
                }

                @Override
                protected void doPut(String key, InputStream data, Duration ttl) {
                    super.doPut(key, data, null);
                }
            });
        }
    }

    /** Opens a stream in {@code get} and never closes it; the fixture counts open streams. */
    static class LeaksOpenStream implements KeyValueStoreContract {
        private final AtomicInteger open = new AtomicInteger();

        @Override
        public StoreFixture fixture() {
            StoreFixture base = PlantedDefects.fixture(() -> new ForwardingStore("leaks-streams") {
                @Override
                protected InputStream doOpen(String key) {
                    InputStream in = inner.open(key);
                    open.incrementAndGet();
                    return new FilterInputStream(in) {
                        private boolean closed;

                        @Override
                        public void close() throws IOException {
                            if (!closed) {
                                closed = true;
                                open.decrementAndGet();
                            }
                            super.close();
                        }
                    };
                }

                @Override
                protected byte[] doGet(String key) {
                    try {
                        return doOpen(key).readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            return new ForwardingFixture(base) {
                @Override
                public List<String> leftovers() {
                    int count = open.getAndSet(0);
                    return count == 0 ? List.of() : List.of(count + " value streams were never closed");
                }
            };
        }
    }

    /** Shows the password in toString(). */
    static class SecretInToString implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            StoreFixture base = PlantedDefects.fixture(() -> new ForwardingStore("broken://admin:hunter2@localhost"));
            return new ForwardingFixture(base) {
                @Override
                public List<String> secrets() {
                    return List.of("hunter2");
                }
            };
        }
    }

    /** Writes what it has read so far when a stream fails. */
    static class PartialValueAfterFailedStreamPut implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("partial-after-failure") {
                @Override
                protected void doPut(String key, InputStream data, Duration ttl) {
                    ByteArrayOutputStream read = new ByteArrayOutputStream();
                    byte[] buffer = new byte[8192];
                    try {
                        for (int n; (n = data.read(buffer)) >= 0; ) {
                            read.write(buffer, 0, n);
                        }
                    } catch (IOException e) {
                        super.doPut(key, read.toByteArray(), ttl);
                        throw new KvException("stream failed for key '" + key + "'", e);
                    }
                    super.doPut(key, read.toByteArray(), ttl);
                }
            });
        }
    }

    /** Compare-and-set as a read, a pause and a write. */
    static class NonAtomicCompareAndSet implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("non-atomic-cas") {
                @Override
                protected boolean doCompareAndSet(String key, byte[] expected, byte[] replacement, Duration ttl) {
                    var current = inner.find(key);
                    if (current.isEmpty() || !Arrays.equals(current.get(), expected)) {
                        return false;
                    }
                    Thread.yield();
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    super.doPut(key, replacement, ttl);
                    return true;
                }
            });
        }
    }

    /** putIfAbsent that always writes. */
    static class PutIfAbsentOverwrites implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("put-if-absent-overwrites") {
                @Override
                protected boolean doPutIfAbsent(String key, byte[] value, Duration ttl) {
                    super.doPut(key, value, ttl);
                    return true;
                }
            });
        }
    }

    /** copy that keeps an existing destination. */
    static class CopyKeepsExistingDestination implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("copy-keeps-destination") {
                @Override
                protected void doCopy(String from, String to) {
                    if (!inner.contains(to)) {
                        inner.copy(from, to);
                    } else if (!inner.contains(from)) {
                        throw new KeyNotFoundException(from);
                    }
                }
            });
        }
    }

    /** move that leaves the source behind. */
    static class MoveLeavesSource implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("move-leaves-source") {
                @Override
                protected void doMove(String from, String to) {
                    inner.copy(from, to);
                }
            });
        }
    }

    /** get returns the array it keeps, so callers can change the stored value. */
    static class GetReturnsInternalArray implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("shares-arrays") {
                private final Map<String, byte[]> kept = new ConcurrentHashMap<>();

                @Override
                protected void doPut(String key, byte[] value, Duration ttl) {
                    kept.put(key, value);
                    super.doPut(key, value, ttl);
                }

                @Override
                protected void doDelete(String key) {
                    kept.remove(key);
                    super.doDelete(key);
                }

                @Override
                protected byte[] doGet(String key) {
                    byte[] own = kept.get(key);
                    return own != null ? own : super.doGet(key);
                }
            });
        }
    }

    /** Lists a folder once per key in it. */
    static class PrefixesListDuplicates implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("duplicate-prefixes") {
                @Override
                protected Stream<String> doPrefixes(String prefix, String delimiter) {
                    return inner.keys(prefix).map(key -> {
                        int at = key.indexOf(delimiter, prefix.length());
                        return at < 0 ? key : key.substring(0, at + delimiter.length());
                    });
                }
            });
        }
    }

    /** Folds keys to lower case, like a case-insensitive file system. */
    static class FoldsKeyCase implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("folds-case") {
                @Override
                protected void doPut(String key, byte[] value, Duration ttl) {
                    super.doPut(key.toLowerCase(Locale.ROOT), value, ttl);
                }

                @Override
                protected byte[] doGet(String key) {
                    return super.doGet(key.toLowerCase(Locale.ROOT));
                }
            });
        }
    }

    /** Treats an empty value as a delete. */
    static class EmptyValueIsLost implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("loses-empty-values") {
                @Override
                protected void doPut(String key, byte[] value, Duration ttl) {
                    if (value.length == 0) {
                        inner.delete(key);
                    } else {
                        super.doPut(key, value, ttl);
                    }
                }
            });
        }
    }

    /** Range reads that ignore the offset. */
    static class RangeIgnoresOffset implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("range-ignores-offset") {
                @Override
                protected InputStream doOpen(String key, long offset, long length) {
                    return inner.open(key, 0, length);
                }
            });
        }
    }

    /** Silently keeps only the first MiB of a streamed value. */
    static class TruncatesLargeStreams implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("truncates-large-streams") {
                @Override
                protected void doPut(String key, InputStream data, Duration ttl) {
                    try {
                        byte[] head = data.readNBytes(1 << 20);
                        data.transferTo(java.io.OutputStream.nullOutputStream());
                        super.doPut(key, head, ttl);
                    } catch (IOException e) {
                        throw new KvException("cannot read the value for '" + key + "'", e);
                    }
                }
            });
        }
    }

    /** Closes the stream the caller passed to put. */
    static class ClosesCallersStream implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("closes-callers-stream") {
                @Override
                protected void doPut(String key, InputStream data, Duration ttl) {
                    try (data) {
                        super.doPut(key, data, ttl);
                    } catch (IOException e) {
                        throw new KvException("cannot close the stream for '" + key + "'", e);
                    }
                }
            });
        }
    }

    /** Claims URLs but gives every key the same one. */
    static class SameUrlForEveryKey implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("same-url") {
                @Override
                public Set<Capability> capabilities() {
                    EnumSet<Capability> caps = EnumSet.copyOf(inner.capabilities());
                    caps.add(Capability.URL);
                    return caps;
                }

                @Override
                protected java.net.URI doUrl(String key) {
                    return java.net.URI.create("memory://store/");
                }
            });
        }
    }

    /** Reports no capabilities yet performs conditional writes when asked: the probe must throw. */
    static class DoesNotClaimTtlButChangesTheValue implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new NoTtlButWrites());
        }
    }

    /** Does not claim TTL, but its ttl put writes the value before refusing. */
    private static final class NoTtlButWrites extends Bypassing {
        NoTtlButWrites() {
            super("no-ttl-but-writes");
        }

        @Override
        public Set<Capability> capabilities() {
            return EnumSet.of(Capability.PUT_IF_ABSENT, Capability.COMPARE_AND_SET);
        }

        @Override
        public void put(String key, byte[] value, Duration ttl) {
            delegate.put(key, value);
            throw new UnsupportedOperationException("no TTL");
        }

        @Override
        public void put(String key, InputStream data, Duration ttl) {
            delegate.put(key, data);
            throw new UnsupportedOperationException("no TTL");
        }
    }

    /** Does not claim TTL and refuses a ttl put, but only after reading the caller's stream. */
    static class UnsupportedPutReadsTheStream implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new Bypassing("unsupported-put-reads-stream") {
                @Override
                public Set<Capability> capabilities() {
                    return EnumSet.of(Capability.PUT_IF_ABSENT, Capability.COMPARE_AND_SET);
                }

                @Override
                public void put(String key, InputStream data, Duration ttl) {
                    try {
                        data.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    throw new UnsupportedOperationException("no TTL");
                }
            });
        }
    }

    /** Stores an invalid key under a "cleaned" name instead of rejecting it. */
    static class AcceptsInvalidKey implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new Bypassing("accepts-invalid-keys") {
                @Override
                public void put(String key, byte[] value) {
                    delegate.put(key != null && key.contains(" ") ? key.replace(' ', '_') : key, value);
                }
            });
        }
    }

    /** Copies by clearing the destination first, which destroys a key copied onto itself. */
    static class CopyOntoItselfDestroys implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new Bypassing("copy-clears-destination-first") {
                @Override
                public void copy(String from, String to) {
                    if (delegate.contains(from)) {
                        delegate.delete(to);
                    }
                    delegate.copy(from, to);
                }
            });
        }
    }

    /** Moves by copy then delete of the source, which deletes a key moved onto itself. */
    static class MoveOntoItselfDeletes implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new Bypassing("move-copies-then-deletes") {
                @Override
                public void move(String from, String to) {
                    delegate.copy(from, to);
                    delegate.delete(from);
                }
            });
        }
    }

    /** close() does nothing, so the store keeps working. */
    static class WorksAfterClose implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new Bypassing("ignores-close") {
                @Override
                public void close() {
                }
            });
        }
    }

    /** copyTo(Path) creates the target before it knows the key has a value. */
    static class CopyToPathCreatesFileForMissingKey implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new Bypassing("copy-to-creates-file-first") {
                @Override
                public long copyTo(String key, Path target) {
                    try {
                        Files.deleteIfExists(target);
                        Files.createFile(target);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return delegate.copyTo(key, target);
                }
            });
        }
    }

    /** A plain put over a value with a time to live keeps the old expiry. */
    static class PlainPutKeepsTheOldTtl implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("keeps-old-ttl") {
                private final Map<String, Long> deadlines = new ConcurrentHashMap<>();

                @Override
                protected void doPut(String key, byte[] value, Duration ttl) {
                    Long deadline = deadlines.get(key);
                    long now = System.nanoTime();
                    if (ttl != null) {
                        deadlines.put(key, now + ttl.toNanos());
                        super.doPut(key, value, ttl);
                    } else if (deadline != null && deadline > now) {
                        super.doPut(key, value, Duration.ofNanos(deadline - now));
                    } else {
                        super.doPut(key, value, null);
                    }
                }
            });
        }
    }

    /** Its not-found errors carry a cause whose message shows the password. */
    static class SecretInErrorMessage implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            StoreFixture base = PlantedDefects.fixture(() -> new ForwardingStore("broken://localhost") {
                @Override
                protected byte[] doGet(String key) {
                    try {
                        return super.doGet(key);
                    } catch (KeyNotFoundException e) {
                        e.initCause(new IOException("GET as admin:hunter2 found nothing"));
                        throw e;
                    }
                }
            });
            return new ForwardingFixture(base) {
                @Override
                public List<String> secrets() {
                    return List.of("hunter2");
                }
            };
        }
    }

    /** getAll answers absent keys with an empty value instead of leaving them out. */
    static class GetAllReportsAbsentKeys implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("get-all-fills-absent") {
                @Override
                protected Map<String, byte[]> doGetAll(List<String> keys) {
                    Map<String, byte[]> found = new java.util.HashMap<>(inner.getAll(keys));
                    keys.forEach(k -> found.putIfAbsent(k, new byte[0]));
                    return found;
                }
            });
        }
    }

    /**
     * Spools streamed puts to a temp file and forgets it when the stream fails; the fixture reports
     * the files left in its spool directory, which the TCK turns into a failure.
     */
    static class LeavesTempFilesAfterFailedPut implements KeyValueStoreContract {
        private final Path spool;

        LeavesTempFilesAfterFailedPut() throws IOException {
            spool = Files.createTempDirectory("kv-tck-spool");
        }

        @Override
        public StoreFixture fixture() {
            StoreFixture base = PlantedDefects.fixture(() -> new SpoolingStore("leaves-temp-files", spool));
            return new ForwardingFixture(base) {
                @Override
                public List<String> leftovers() {
                    List<Path> left = spooled(spool);
                    deleteFiles(left);
                    return left.stream().map(f -> "temp file " + f.getFileName()).toList();
                }

                @Override
                public void close() {
                    try {
                        Files.deleteIfExists(spool);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        }
    }

    /** Pages through a listing by offset into the current sorted keys, so concurrent writes shift pages. */
    static class PagesByOffset implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("pages-by-offset") {
                @Override
                protected Stream<String> doKeys(String prefix) {
                    java.util.Iterator<String> pages = new java.util.Iterator<>() {
                        private int offset;
                        private java.util.Iterator<String> page = java.util.Collections.emptyIterator();
                        private boolean last;

                        @Override
                        public boolean hasNext() {
                            while (!page.hasNext() && !last) {
                                List<String> next;
                                try (Stream<String> all = inner.keys(prefix)) {
                                    next = all.sorted().skip(offset).limit(10).toList();
                                }
                                offset += next.size();
                                last = next.size() < 10;
                                page = next.iterator();
                            }
                            return page.hasNext();
                        }

                        @Override
                        public String next() {
                            if (!hasNext()) {
                                throw new java.util.NoSuchElementException();
                            }
                            return page.next();
                        }
                    };
                    return java.util.stream.StreamSupport.stream(
                            java.util.Spliterators.spliteratorUnknownSize(pages, java.util.Spliterator.ORDERED), false);
                }
            });
        }
    }

    /** Lists keys from an index updated by unsynchronised copy-and-replace, so concurrent writes lose entries. */
    static class IndexLosesConcurrentWrites implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("racy-index") {
                private volatile Set<String> index = Set.of();

                private void remember(String key) {
                    Set<String> copy = new java.util.HashSet<>(index);
                    Thread.yield();
                    copy.add(key);
                    index = copy;
                }

                @Override
                protected void doPut(String key, byte[] value, Duration ttl) {
                    super.doPut(key, value, ttl);
                    remember(key);
                }

                @Override
                protected void doPut(String key, InputStream data, Duration ttl) {
                    super.doPut(key, data, ttl);
                    remember(key);
                }

                @Override
                protected boolean doPutIfAbsent(String key, byte[] value, Duration ttl) {
                    boolean stored = super.doPutIfAbsent(key, value, ttl);
                    if (stored) {
                        remember(key);
                    }
                    return stored;
                }

                @Override
                protected boolean doCompareAndSet(String key, byte[] expected, byte[] replacement, Duration ttl) {
                    boolean replaced = super.doCompareAndSet(key, expected, replacement, ttl);
                    remember(key);
                    return replaced;
                }

                @Override
                protected void doCopy(String from, String to) {
                    super.doCopy(from, to);
                    remember(to);
                }

                @Override
                protected void doMove(String from, String to) {
                    super.doMove(from, to);
                    remember(to);
                }

                @Override
                protected Stream<String> doKeys(String prefix) {
                    return index.stream().filter(k -> k.startsWith(prefix) && inner.contains(k));
                }
            });
        }
    }

    /**
     * Drops keys with a segment over 100 characters (those a file store hashes to fit a file name)
     * from every listing with a non-empty prefix.
     */
    static class DropsLongKeysUnderAPrefix implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("drops-long-keys-under-a-prefix") {
                @Override
                protected Stream<String> doKeys(String prefix) {
                    return prefix.isEmpty() ? inner.keys(prefix)
                            : inner.keys(prefix).filter(k -> Arrays.stream(k.split("/")).allMatch(segment -> segment.length() <= 100));
                }
            });
        }
    }

    /**
     * Escapes every character but lower-case letters, digits, {@code .}, {@code _} and {@code -} as
     * {@code %XX} in a file name, and refuses a key whose name would then pass 255 bytes ("File name too
     * long"), as a file store without name hashing does.
     */
    static class RefusesLongEscapedKeys implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("refuses-long-escaped-keys") {
                private void checkName(String key) {
                    for (String segment : key.split("/")) {
                        long length = segment.chars().map(c -> Character.isLowerCase(c) || Character.isDigit(c) || ".-_".indexOf(c) >= 0 ? 1 : 3).sum();
                        if (length > 255) {
                            throw new KvException("cannot write key '" + key + "': File name too long");
                        }
                    }
                }

                @Override
                protected void doPut(String key, byte[] value, Duration ttl) {
                    checkName(key);
                    super.doPut(key, value, ttl);
                }

                @Override
                protected void doPut(String key, InputStream data, Duration ttl) {
                    checkName(key);
                    super.doPut(key, data, ttl);
                }
            });
        }
    }

    /** Lists the prefix itself twice when it is a key: once as "the prefix", once among the keys under it. */
    static class ListsThePrefixKeyTwice implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("lists-the-prefix-key-twice") {
                @Override
                protected Stream<String> doKeys(String prefix) {
                    boolean prefixIsAKey = org.kvcaches.api.Keys.isValid(prefix) && inner.contains(prefix);
                    return Stream.concat(prefixIsAKey ? Stream.of(prefix) : Stream.empty(), inner.keys(prefix));
                }
            });
        }
    }

    /** Reads the whole listing into a list before handing out its first key. */
    static class ReadsTheWholeListingFirst implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("reads-the-whole-listing-first") {
                @Override
                protected Stream<String> doKeys(String prefix) {
                    try (Stream<String> keys = inner.keys(prefix)) {
                        return keys.toList().stream();
                    }
                }
            });
        }
    }

    /** putIfAbsent as a check and then a write, with nothing in between: the narrowest race. */
    static class CheckThenWritePutIfAbsent implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("check-then-write-put-if-absent") {
                @Override
                protected boolean doPutIfAbsent(String key, byte[] value, Duration ttl) {
                    if (inner.contains(key)) {
                        return false;
                    }
                    super.doPut(key, value, ttl);
                    return true;
                }
            });
        }
    }

    /**
     * Leaves its spool file behind when a streamed put fails, and the fixture's {@code cleanUp}
     * deletes the spool folder's files as {@link StoreFixture} allows: the leak is caught only because
     * leftovers are checked before the cleanup.
     */
    static class TempFileHiddenByCleanUp implements KeyValueStoreContract {
        private final Path spool;

        TempFileHiddenByCleanUp() throws IOException {
            spool = Files.createTempDirectory("kv-tck-spool");
        }

        @Override
        public StoreFixture fixture() {
            AtomicInteger stores = new AtomicInteger();
            StoreFixture base = PlantedDefects.fixture(() -> new SpoolingStore("temp-file-hidden-by-clean-up-" + stores.incrementAndGet(), spool));
            return new ForwardingFixture(base) {
                @Override
                public void cleanUp(KeyValueStore store) {
                    deleteFiles(spooled(spool));
                }

                @Override
                public List<String> leftovers() {
                    return spooled(spool).stream().map(f -> "temp file " + f.getFileName()).toList();
                }

                @Override
                public void close() {
                    try {
                        Files.deleteIfExists(spool);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        }
    }

    /** A correct store whose listing describes each key by its own {@code doStat}, for defects planted there. */
    static class ListsThroughStat extends ForwardingStore {
        ListsThroughStat(String description) {
            super(description);
        }

        @Override
        protected Stream<ListedValue> doList(String prefix) {
            return inner.keys(prefix).flatMap(k -> doStat(k).map(i -> new ListedValue(k, i)).stream());
        }
    }

    /** Reports one byte more than the value has. */
    static class StatCountsAByteTooMany implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("stat-counts-a-byte-too-many") {
                @Override
                protected Optional<ValueInfo> doStat(String key) {
                    return inner.stat(key).map(i -> ValueInfo.of(i.size() + 1, i.lastModified().orElse(null), null));
                }
            });
        }
    }

    /** Lists sizes only, though stat gives the last-modified time. */
    static class ListDropsTheLastModifiedTime implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ForwardingStore("list-drops-the-last-modified-time") {
                @Override
                protected Stream<ListedValue> doList(String prefix) {
                    return inner.list(prefix).map(l -> new ListedValue(l.key(), ValueInfo.of(l.info().size())));
                }
            });
        }
    }

    /** Keeps the time of a key's first write as its last-modified time forever. */
    static class KeepsTheFirstLastModifiedTime implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ListsThroughStat("keeps-the-first-last-modified-time") {
                private final Map<String, Instant> first = new ConcurrentHashMap<>();

                @Override
                protected Optional<ValueInfo> doStat(String key) {
                    return inner.stat(key).map(i -> ValueInfo.of(i.size(), first.computeIfAbsent(key, k -> i.lastModified().orElseThrow()), null));
                }
            });
        }
    }

    /** Claims versions, but derives them from the size, so an overwrite of the same length keeps its version. */
    static class VersionFromTheSize implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> new ListsThroughStat("version-from-the-size") {
                @Override
                public Set<Capability> capabilities() {
                    EnumSet<Capability> caps = EnumSet.of(Capability.VERSION);
                    caps.addAll(super.capabilities());
                    return caps;
                }

                @Override
                protected Optional<ValueInfo> doStat(String key) {
                    return inner.stat(key).map(i -> ValueInfo.of(i.size(), i.lastModified().orElse(null), "size-" + i.size()));
                }
            });
        }
    }

    /** Values in files, streamed in and out: no defect, the control for the bounded-memory defects. */
    static class StreamsThroughFiles implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return filesFixture(() -> new FileBackedStore("streams-through-files"));
        }
    }

    /** Values in files, but a streamed put reads the whole value into memory before writing the file. */
    static class HoldsAStreamedPutInMemory implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return filesFixture(() -> new FileBackedStore("holds-a-streamed-put-in-memory") {
                @Override
                protected void doPut(String key, InputStream data, Duration ttl) {
                    byte[] whole;
                    try {
                        whole = data.readAllBytes();
                    } catch (IOException e) {
                        throw new KvException("cannot read the value of key '" + key + "': " + e.getMessage(), e);
                    }
                    super.doPut(key, new java.io.ByteArrayInputStream(whole), ttl);
                }
            });
        }
    }

    /** Values in files, but open() reads the whole file into memory and hands out a stream over the copy. */
    static class ReadsTheWholeValueOnOpen implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return filesFixture(() -> new FileBackedStore("reads-the-whole-value-on-open") {
                @Override
                protected InputStream doOpen(String key) {
                    try (InputStream in = super.doOpen(key)) {
                        return new java.io.ByteArrayInputStream(in.readAllBytes());
                    } catch (IOException e) {
                        throw new KvException("cannot read key '" + key + "': " + e.getMessage(), e);
                    }
                }
            });
        }
    }

    /** mem: stores with a number each, so that messages show which store they name. */
    static class NumbersEachStore implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            AtomicInteger stores = new AtomicInteger();
            return PlantedDefects.fixture(() -> new ForwardingStore("numbered-store-" + stores.incrementAndGet()));
        }
    }

    /** A fixture whose server cannot be reached: the contract must fail, not skip. */
    static class ServerMissing implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return PlantedDefects.fixture(() -> {
                throw new KvException("no test server at 127.0.0.1:1; set KV_TEST_BROKEN_URI or install broken-server");
            });
        }
    }

    /** mem: with TTL narrowed by the fixture, with a reason. */
    static class NarrowsTtlWithReason implements KeyValueStoreContract {
        static final String REASON = "this emulator accepts TTLs but never expires keys";

        @Override
        public StoreFixture fixture() {
            return narrowing(REASON);
        }
    }

    /** mem: with TTL narrowed by the fixture without saying why. */
    static class NarrowsTtlWithoutReason implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return narrowing(" ");
        }
    }

    private static StoreFixture narrowing(String reason) {
        StoreFixture base = fixture(() -> org.kvcaches.api.KeyValueStores.open("mem:"));
        return new ForwardingFixture(base) {
            @Override
            public Map<Capability, String> narrowedCapabilities() {
                return Map.of(Capability.TTL, reason);
            }
        };
    }

    /**
     * A store written against the interface directly, bypassing {@link org.kvcaches.api.spi.AbstractKeyValueStore}'s
     * checks; correct until a subclass overrides one method with a defect.
     */
    private abstract static class Bypassing implements KeyValueStore {
        final ForwardingStore delegate;

        Bypassing(String description) {
            delegate = new ForwardingStore(description);
        }

        @Override public Set<Capability> capabilities() { return delegate.capabilities(); }
        @Override public void put(String key, byte[] value, Duration ttl) { delegate.put(key, value, ttl); }
        @Override public void put(String key, InputStream data, Duration ttl) { delegate.put(key, data, ttl); }
        @Override public byte[] get(String key) { return delegate.get(key); }
        @Override public java.util.Optional<byte[]> find(String key) { return delegate.find(key); }
        @Override public InputStream open(String key) { return delegate.open(key); }
        @Override public InputStream open(String key, long offset, long length) { return delegate.open(key, offset, length); }
        @Override public long copyTo(String key, java.io.OutputStream target) { return delegate.copyTo(key, target); }
        @Override public long copyTo(String key, Path target) { return delegate.copyTo(key, target); }
        @Override public long size(String key) { return delegate.size(key); }
        @Override public boolean contains(String key) { return delegate.contains(key); }
        @Override public Optional<ValueInfo> stat(String key) { return delegate.stat(key); }
        @Override public Stream<ListedValue> list(String prefix) { return delegate.list(prefix); }
        @Override public void put(String key, byte[] value) { delegate.put(key, value); }
        @Override public void put(String key, InputStream data) { delegate.put(key, data); }
        @Override public void put(String key, Path source) { delegate.put(key, source); }
        @Override public boolean putIfAbsent(String key, byte[] value) { return delegate.putIfAbsent(key, value); }
        @Override public boolean putIfAbsent(String key, byte[] value, Duration ttl) { return delegate.putIfAbsent(key, value, ttl); }
        @Override public boolean compareAndSet(String key, byte[] e, byte[] r) { return delegate.compareAndSet(key, e, r); }
        @Override public boolean compareAndSet(String key, byte[] e, byte[] r, Duration t) { return delegate.compareAndSet(key, e, r, t); }
        @Override public void delete(String key) { delegate.delete(key); }
        @Override public Map<String, byte[]> getAll(java.util.Collection<String> keys) { return delegate.getAll(keys); }
        @Override public void deleteAll(java.util.Collection<String> keys) { delegate.deleteAll(keys); }
        @Override public Stream<String> keys(String prefix) { return delegate.keys(prefix); }
        @Override public Stream<String> prefixes(String prefix, String delimiter) { return delegate.prefixes(prefix, delimiter); }
        @Override public void copy(String from, String to) { delegate.copy(from, to); }
        @Override public void move(String from, String to) { delegate.move(from, to); }
        @Override public java.net.URI url(String key) { return delegate.url(key); }
        @Override public void close() { delegate.close(); }
        @Override public String toString() { return delegate.toString(); }
    }
}
