package org.kvcaches.cache;

/** The state of a cache tier's circuit breaker ({@link CacheDecorator#breakerState()}). */
public enum BreakerState {
    /** The tier is used. */
    CLOSED,
    /** The tier failed or was slow too often in a row: it is skipped, but for one probe per interval. */
    OPEN,
    /** A probe call to the tier is under way. */
    HALF_OPEN
}
