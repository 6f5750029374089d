/**
 * The cache contract: checks that a cache decorator (a cache store in front of an authoritative
 * store) never serves or keeps a stale value under races, failures and oversize values, and that it
 * caches at all. Extend {@link org.kvcaches.tck.cache.CacheContract} and supply a
 * {@link org.kvcaches.tck.cache.CacheFixture}.
 */
package org.kvcaches.tck.cache;
