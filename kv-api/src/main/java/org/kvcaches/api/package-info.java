/**
 * What users touch: {@link org.kvcaches.api.KeyValueStore} (keys are strings, values are bytes),
 * {@link org.kvcaches.api.KeyValueStores#open(String)} (a store or a tier chain from a URI), the portable
 * key rules of {@link org.kvcaches.api.Keys}, the {@link org.kvcaches.api.Capability capabilities} a store
 * announces, and the unchecked exceptions under {@link org.kvcaches.api.KvException}. JDK only.
 */
package org.kvcaches.api;
