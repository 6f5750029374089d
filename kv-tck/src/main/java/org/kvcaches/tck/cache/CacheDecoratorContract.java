package org.kvcaches.tck.cache;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kvcaches.tck.TckExtension;

/**
 * The base of every cache contract area, as {@link org.kvcaches.tck.StoreContract} is of the store
 * contract, and run by the same extension: one {@link CacheFixture} per test class, a fresh
 * {@link CacheRig} per test (handed in as a parameter), tests marked
 * {@link org.kvcaches.tck.Requires} skipped with the reason when the cache store lacks a capability,
 * and after each test both stores emptied and checked for leftovers. Every test has a timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(TckExtension.class)
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public interface CacheDecoratorContract {

    /**
     * Called once per test class.
     *
     * @return the fixture that builds this class's decorators
     */
    CacheFixture cacheFixture();
}
