/**
 * Micrometer meters for stores and tier chains: {@link org.kvcaches.micrometer.TierMetrics} binds every
 * cache tier's statistics, {@link org.kvcaches.micrometer.TimedKeyValueStore} times a store's operations.
 * The meter names and tags are listed in {@code kv-micrometer/README.md}.
 */
package org.kvcaches.micrometer;
