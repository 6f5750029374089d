/**
 * What backend and decorator authors touch: {@link org.kvcaches.api.spi.StoreProvider} (a scheme and how
 * to open a store from a parsed {@link org.kvcaches.api.spi.StoreUri}), the base class
 * {@link org.kvcaches.api.spi.AbstractKeyValueStore} whose final public methods check every argument once
 * and then call small {@code do...} hooks, {@link org.kvcaches.api.spi.ForwardingKeyValueStore} for
 * decorators that override only what they change, typed option reading in
 * {@link org.kvcaches.api.spi.StoreOptions}, {@link org.kvcaches.api.spi.TierComposer} for chains, and
 * {@link org.kvcaches.api.spi.CacheTierReads} for stores that serve a cache tier's reads better than the plain
 * methods can (bounded by a deadline; read and lease in one round trip).
 * See {@code kv-api/README.md} for the life of a call.
 */
package org.kvcaches.api.spi;
