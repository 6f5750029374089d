package org.kvcaches.cache;

import java.time.Duration;
import java.util.List;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.spi.ForwardingKeyValueStore;
import org.kvcaches.tck.fault.ChainFixture;
import org.kvcaches.tck.fault.FaultyCacheTierContract;

/**
 * Chains with planted defects that {@link FaultyCacheTierContract} must catch; run by
 * {@link FaultContractSelfTest} through the JUnit testkit, never directly (their names do not end in
 * {@code Test}).
 */
final class PlantedChainDefects {
    private PlantedChainDefects() {
    }

    /** The seed's algorithm: cache errors reach the caller. */
    static class Naive implements FaultyCacheTierContract {
        @Override
        public ChainFixture fixture() {
            return new HeapTierFaultTest.DecoratorChains(() -> KeyValueStores.open("heap:"), NaiveCacheDecorator::new, () -> { });
        }
    }

    /** The seed's algorithm over a cache whose errors are swallowed: reads work, failed invalidations are forgotten. */
    static class Forgetful implements FaultyCacheTierContract {
        @Override
        public ChainFixture fixture() {
            return new HeapTierFaultTest.DecoratorChains(() -> KeyValueStores.open("heap:"),
                    (cache, store) -> new NaiveCacheDecorator(new Quiet(cache), store), () -> { });
        }
    }

    /**
     * A cache tier whose failed fills and invalidations are hidden (the naive algorithm already treats
     * a failed read as a miss): the caller goes on as if they had done nothing.
     */
    private static final class Quiet extends ForwardingKeyValueStore {
        Quiet(KeyValueStore cache) {
            super("quiet(" + cache + ")", cache);
        }

        @Override
        protected void doPut(String key, byte[] value, Duration ttl) {
            quietly(() -> super.doPut(key, value, ttl));
        }

        @Override
        protected void doDelete(String key) {
            quietly(() -> super.doDelete(key));
        }

        @Override
        protected void doDeleteAll(List<String> keys) {
            quietly(() -> super.doDeleteAll(keys));
        }

        private static void quietly(Runnable cacheCall) {
            try {
                cacheCall.run();
            } catch (RuntimeException e) {
                // the defect: the failure, a failed invalidation among them, is forgotten
            }
        }
    }
}
