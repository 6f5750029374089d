package org.kvcaches.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a store knows about a value without reading it: its size, and where the medium keeps them,
 * the time it was last written and a version. Immutable. A field the medium does not keep is empty,
 * never invented; a store reports {@link Capability#LAST_MODIFIED} and {@link Capability#VERSION}
 * when every value it describes has that field.
 *
 * <p>Get one with {@link KeyValueStore#stat(String)}, or with each key of
 * {@link KeyValueStore#list(String)}.
 */
public final class ValueInfo {
    private final long size;
    private final Instant lastModified;
    private final String version;

    private ValueInfo(long size, Instant lastModified, String version) {
        if (size < 0) {
            throw new IllegalArgumentException("a value's size cannot be negative, got " + size);
        }
        if (version != null && version.isEmpty()) {
            throw new IllegalArgumentException("a version must not be empty; leave it out instead");
        }
        this.size = size;
        this.lastModified = lastModified;
        this.version = version;
    }

    /**
     * @param size the value's length in bytes, {@code >= 0}
     * @return the metadata of a value whose medium keeps only its size
     */
    public static ValueInfo of(long size) {
        return new ValueInfo(size, null, null);
    }

    /**
     * @param size the value's length in bytes, {@code >= 0}
     * @param lastModified when the value was last written, or {@code null} when the medium does not say
     * @param version the medium's version or entity tag, or {@code null} when it has none; never empty
     * @return the metadata
     */
    public static ValueInfo of(long size, Instant lastModified, String version) {
        return new ValueInfo(size, lastModified, version);
    }

    /** @return the value's length in bytes */
    public long size() {
        return size;
    }

    /**
     * @return when the value was last written, by the storage system's clock, which may be coarse
     *     (whole seconds on S3); empty when the medium does not keep it
     */
    public Optional<Instant> lastModified() {
        return Optional.ofNullable(lastModified);
    }

    /**
     * An opaque tag that changes when different bytes are written (S3: the ETag). A tag derived
     * from the content may stay the same when the same bytes are written again. Tags are comparable
     * only between stores of the same kind (two S3 stores), never across kinds.
     *
     * @return the version, or empty when the medium has none
     */
    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ValueInfo that && size == that.size && Objects.equals(lastModified, that.lastModified)
                && Objects.equals(version, that.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, lastModified, version);
    }

    /** @return the fields, e.g. {@code ValueInfo[size=3, lastModified=2026-12-02T02:00:00Z, version="9a0364b9"]} */
    @Override
    public String toString() {
        return "ValueInfo[size=" + size + (lastModified == null ? "" : ", lastModified=" + lastModified)
                + (version == null ? "" : ", version=" + version) + "]";
    }
}
