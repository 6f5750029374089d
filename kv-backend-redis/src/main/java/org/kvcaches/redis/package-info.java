/**
 * Redis stores through Jedis: standalone, TLS ({@code rediss:}) and cluster, with a key prefix for
 * namespacing, TTLs, atomic conditional writes and SCAN listings. Opened by URI through
 * {@link org.kvcaches.redis.RedisStoreProvider}, or over a client the caller has with
 * {@link org.kvcaches.redis.RedisStoreBuilder}.
 */
package org.kvcaches.redis;
