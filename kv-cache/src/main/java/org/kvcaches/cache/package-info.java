/**
 * Caching: {@link org.kvcaches.cache.CacheDecorator} (a cache store in front of an authoritative one,
 * read-through with protection against stale fills), the bounded in-process {@code heap:} store on
 * Caffeine, the {@link org.kvcaches.cache.TierChainComposer} that turns {@code a | b | c} into nested
 * decorators, and {@link org.kvcaches.cache.CacheStats}, an immutable snapshot of a decorator's counters.
 */
package org.kvcaches.cache;
