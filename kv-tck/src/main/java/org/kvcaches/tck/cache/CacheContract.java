package org.kvcaches.tck.cache;

/**
 * The contract of a cache decorator: a cache store in front of an authoritative store. A decorator
 * certifies itself with one class:
 *
 * <pre>{@code
 * class MyCacheContractTest implements CacheContract {
 *     public CacheFixture cacheFixture() {
 *         return new MyCacheFixture();
 *     }
 * }
 * }</pre>
 *
 * Every test gets a fresh cache store and backing store, each wrapped in a {@link ControlledStore},
 * so races are built from held reads (deterministic interleavings, not sleeps) and failures are
 * planted exactly where the test wants them. Each area can also be implemented on its own
 * ({@link FillRaceContract}, {@link LeaseContract}, {@link InvalidationFailureContract},
 * {@link OversizeAndStreamContract}, {@link SingleFlightContract}, {@link CountingContract}).
 *
 * <p>"The old value is not kept" is checked three ways: through the decorator, through a second
 * decorator over the same stores (as another process sees the cache), and in the raw cache store,
 * which must hold no entry containing the old value's bytes (the values are random, so any encoding
 * that stores the value verbatim is covered).
 */
public interface CacheContract extends FillRaceContract, LeaseContract, InvalidationFailureContract, OversizeAndStreamContract,
        SingleFlightContract, CountingContract {
}
