package org.kvcaches.tck.cache;

/**
 * The counters of a cache decorator that {@link CacheContract} checks, for fixtures that can read
 * them (see {@link CacheFixture#counts}).
 *
 * @param hits reads the cache served
 * @param misses reads the cache could not serve
 * @param loadFailures store reads after a miss that failed
 */
public record CacheCounts(long hits, long misses, long loadFailures) {
}
