package org.kvcaches.cache;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.kvcaches.api.KeyNotFoundException;
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
            return new Chains(NaiveCacheDecorator::new);
        }
    }

    /** Swallows every cache error but forgets failed invalidations, and trusts what the cache returns. */
    static class Forgetful implements FaultyCacheTierContract {
        @Override
        public ChainFixture fixture() {
            return new Chains(ForgetfulDecorator::new);
        }
    }

    /** {@code heap:} caches over {@code mem:}, decorated by a planted chain. */
    private static final class Chains implements ChainFixture {
        private final BiFunction<KeyValueStore, KeyValueStore, KeyValueStore> decorator;

        Chains(BiFunction<KeyValueStore, KeyValueStore, KeyValueStore> decorator) {
            this.decorator = decorator;
        }

        @Override
        public KeyValueStore newStore() {
            return KeyValueStores.open("mem:");
        }

        @Override
        public KeyValueStore newCacheStore() {
            return KeyValueStores.open("heap:");
        }

        @Override
        public KeyValueStore chain(KeyValueStore cache, KeyValueStore store) {
            return decorator.apply(cache, store);
        }
    }

    /**
     * Reads try the cache and fill it; writes go to the store and then delete the key from the
     * cache. Every cache error is ignored, which keeps reads working but leaves a stale entry
     * whenever an invalidation fails.
     */
    private static final class ForgetfulDecorator extends ForwardingKeyValueStore {
        private final KeyValueStore cache;

        ForgetfulDecorator(KeyValueStore cache, KeyValueStore store) {
            super("forgetful(" + cache + " | " + store + ")", store);
            this.cache = cache;
        }

        private Optional<byte[]> cached(String key) {
            try {
                return cache.find(key);
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        private void quietly(Runnable cacheCall) {
            try {
                cacheCall.run();
            } catch (RuntimeException e) {
                // the defect: a failed invalidation is forgotten
            }
        }

        @Override
        protected Optional<byte[]> doFind(String key) {
            Optional<byte[]> hit = cached(key);
            if (hit.isPresent()) {
                return hit;
            }
            Optional<byte[]> loaded = super.doFind(key);
            loaded.ifPresent(value -> quietly(() -> cache.put(key, value)));
            return loaded;
        }

        @Override
        protected byte[] doGet(String key) {
            return doFind(key).orElseThrow(() -> new KeyNotFoundException(key));
        }

        @Override
        protected InputStream doOpen(String key) {
            return new ByteArrayInputStream(doGet(key));
        }

        @Override
        protected boolean doContains(String key) {
            return doFind(key).isPresent();
        }

        @Override
        protected long doSize(String key) {
            return doGet(key).length;
        }

        @Override
        protected void doPut(String key, InputStream data, Duration ttl) {
            super.doPut(key, data, ttl);
            quietly(() -> cache.delete(key));
        }

        @Override
        protected void doPut(String key, byte[] value, Duration ttl) {
            super.doPut(key, value, ttl);
            quietly(() -> cache.delete(key));
        }

        @Override
        protected boolean doCompareAndSet(String key, byte[] expected, byte[] replacement, Duration ttl) {
            boolean set = super.doCompareAndSet(key, expected, replacement, ttl);
            quietly(() -> cache.delete(key));
            return set;
        }

        @Override
        protected void doDelete(String key) {
            super.doDelete(key);
            quietly(() -> cache.delete(key));
        }

        @Override
        protected void doDeleteAll(List<String> keys) {
            super.doDeleteAll(keys);
            quietly(() -> cache.deleteAll(keys));
        }

        @Override
        protected void doCopy(String from, String to) {
            super.doCopy(from, to);
            quietly(() -> cache.delete(to));
        }

        @Override
        protected void doMove(String from, String to) {
            super.doMove(from, to);
            quietly(() -> cache.deleteAll(List.of(from, to)));
        }

        @Override
        protected void doClose() {
            try {
                cache.close();
            } finally {
                super.doClose();
            }
        }
    }
}
