/**
 * The real servers that the tests and benchmarks run against, and the TCK fixtures over them:
 * {@link org.kvcaches.testservers.RedisTestServers} (standalone, TLS-only and cluster Redis),
 * {@link org.kvcaches.testservers.RedisServerProcess} (a {@code redis-server} of a test's own),
 * {@link org.kvcaches.testservers.S3TestServers} (S3Proxy in the JVM, or any S3-compatible endpoint),
 * {@link org.kvcaches.testservers.S3rverServer} (a second, independent S3 emulator), and
 * {@link org.kvcaches.testservers.RedisFixture} and {@link org.kvcaches.testservers.S3Fixture} for
 * {@code kv-tck}. Each finds its server in the order of {@link org.kvcaches.testservers.ServerSelection}:
 * an address in an environment variable, a local server, a Testcontainers container.
 */
package org.kvcaches.testservers;
