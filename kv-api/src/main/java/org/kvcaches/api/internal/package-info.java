/**
 * Implementation details of kv-api, not an API: the {@code mem:} store and its provider. Found through
 * {@link java.util.ServiceLoader} like any backend; user code opens it as {@code mem:} and never names
 * these classes.
 */
package org.kvcaches.api.internal;
