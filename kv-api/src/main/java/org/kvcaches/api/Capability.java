package org.kvcaches.api;

/**
 * Optional abilities a store reports through {@link KeyValueStore#capabilities()}. A store that does
 * not report a capability which guards an operation throws {@link UnsupportedOperationException} from
 * that operation before doing any I/O. Decorators report what they keep of the stores below them.
 */
public enum Capability {
    /** Values may be put with a time to live ({@code put(key, value, ttl)}); they vanish afterwards. */
    TTL,
    /** {@link KeyValueStore#putIfAbsent(String, byte[])} is atomic across all clients of the store. */
    PUT_IF_ABSENT,
    /** {@link KeyValueStore#compareAndSet(String, byte[], byte[])} is atomic across all clients. */
    COMPARE_AND_SET,
    /**
     * {@link KeyValueStore#copy(String, String)} runs inside the storage system, without moving the
     * bytes through this process. Informational: {@code copy} works on every store.
     */
    SERVER_SIDE_COPY,
    /** {@link KeyValueStore#url(String)} gives a URL from which the value can be read. */
    URL,
    /**
     * {@link KeyValueStore#prefixes(String, String)} with delimiter {@code /} is answered by the
     * storage system (folders, delimiter listing) instead of by scanning all keys. Informational.
     */
    HIERARCHY,
    /**
     * {@link KeyValueStore#stat(String)} and {@link KeyValueStore#list(String)} give every value's
     * {@link ValueInfo#lastModified() last-modified time}; an overwrite never moves it back. The
     * storage system's clock may be coarse, so two writes may share a time. Informational.
     */
    LAST_MODIFIED,
    /**
     * {@link KeyValueStore#stat(String)} and {@link KeyValueStore#list(String)} give every value's
     * {@link ValueInfo#version() version}, which changes when different bytes are written.
     * Informational.
     */
    VERSION
}
