package org.kvcaches.cache;

import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.tck.fault.ChainFixture;
import org.kvcaches.tck.fault.FaultyCacheTierContract;

/** The fault contract for a {@link CacheDecorator} with a faulty {@code heap:} tier over {@code mem:}. */
class HeapTierFaultTest implements FaultyCacheTierContract {
    @Override
    public ChainFixture fixture() {
        return new DecoratorChains(() -> KeyValueStores.open("heap://?maxBytes=64MiB"), DecoratorChains::cacheDecorator, () -> { });
    }

    /** Chains of a cache store over a fresh {@code mem:} store per test. */
    static final class DecoratorChains implements ChainFixture {
        private final Supplier<KeyValueStore> caches;
        private final BinaryOperator<KeyValueStore> decorator;
        private final Runnable close;

        /**
         * @param caches opens a fresh cache store in its own namespace
         * @param decorator builds the chain from a cache store and a store
         * @param close stops what the cache stores need
         */
        DecoratorChains(Supplier<KeyValueStore> caches, BinaryOperator<KeyValueStore> decorator, Runnable close) {
            this.caches = caches;
            this.decorator = decorator;
            this.close = close;
        }

        /** @return a {@link CacheDecorator} with the builder's defaults */
        static KeyValueStore cacheDecorator(KeyValueStore cache, KeyValueStore store) {
            return CacheDecorator.builder(cache, store).build();
        }

        @Override
        public KeyValueStore newStore() {
            return KeyValueStores.open("mem:");
        }

        @Override
        public KeyValueStore newCacheStore() {
            return caches.get();
        }

        @Override
        public KeyValueStore chain(KeyValueStore cache, KeyValueStore store) {
            return decorator.apply(cache, store);
        }

        @Override
        public void close() {
            close.run();
        }

        @Override
        public String toString() {
            return "chains over mem:";
        }
    }
}
