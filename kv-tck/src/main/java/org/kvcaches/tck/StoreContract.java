package org.kvcaches.tck;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The base of every contract: a test class implements one or more contracts and supplies the
 * fixture. Contract test methods receive a fresh {@link org.kvcaches.api.KeyValueStore} (and, if
 * they ask, the {@link StoreFixture}) as parameters; the TCK cleans up and checks for leftovers after
 * each test. Every test has a timeout; none is retried.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(TckExtension.class)
// A separate thread, so that a store stuck in a loop or on a dead socket fails its test instead of
// hanging the build.
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public interface StoreContract {

    /**
     * Called once per test class.
     *
     * @return the fixture that provides this class's stores
     */
    StoreFixture fixture();
}
