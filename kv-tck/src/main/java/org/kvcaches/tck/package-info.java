/**
 * The store contract (TCK): one interface per area of behaviour, composed into
 * {@link org.kvcaches.tck.KeyValueStoreContract}. A backend certifies itself with one test class that
 * implements it and supplies a {@link org.kvcaches.tck.StoreFixture}; tests of capabilities the store
 * does not claim are reported as skipped with the reason, never as passed.
 */
package org.kvcaches.tck;
