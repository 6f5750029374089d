package org.kvcaches.cache;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KvException;
import org.kvcaches.api.spi.ForwardingKeyValueStore;

/**
 * A remote cache tier as its decorator calls it: every call passes its {@link TierBreaker}, so while
 * the breaker is open a call fails at once with {@link Skipped} instead of waiting for a dead or slow
 * tier, and every call's outcome and time feed the breaker. The decorator treats a skipped call like
 * a failed one (a miss, no fill, an invalidation left to the repair queue).
 */
final class BreakerGuardedTier extends ForwardingKeyValueStore {
    /** Thrown instead of calling a tier whose breaker is open. */
    static final class Skipped extends KvException {
        private static final long serialVersionUID = 1L;

        Skipped(String tier) {
            super("cache tier " + tier + " is skipped: its circuit breaker is open");
        }

        /** Thrown on every skipped call while a tier is down, and always caught: a stack trace would cost more than the skip. */
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private final TierBreaker breaker;

    BreakerGuardedTier(KeyValueStore tier, TierBreaker breaker) {
        super(tier.toString(), tier);
        this.breaker = breaker;
    }

    private <T> T guarded(Supplier<T> call) {
        if (!breaker.allows()) {
            throw new Skipped(toString());
        }
        return breaker.call(call);
    }

    private void guarded(Runnable call) {
        guarded(() -> {
            call.run();
            return null;
        });
    }

    @Override
    protected Optional<byte[]> doFind(String key) {
        return guarded(() -> super.doFind(key));
    }

    @Override
    protected byte[] doGet(String key) {
        return guarded(() -> super.doGet(key));
    }

    @Override
    protected InputStream doOpen(String key) {
        return guarded(() -> super.doOpen(key));
    }

    @Override
    protected void doPut(String key, byte[] value, Duration ttl) {
        guarded(() -> super.doPut(key, value, ttl));
    }

    @Override
    protected boolean doPutIfAbsent(String key, byte[] value, Duration ttl) {
        return guarded(() -> super.doPutIfAbsent(key, value, ttl));
    }

    @Override
    protected boolean doCompareAndSet(String key, byte[] expected, byte[] replacement, Duration ttl) {
        return guarded(() -> super.doCompareAndSet(key, expected, replacement, ttl));
    }

    @Override
    protected void doDelete(String key) {
        guarded(() -> super.doDelete(key));
    }

    @Override
    protected void doDeleteAll(List<String> keys) {
        guarded(() -> super.doDeleteAll(keys));
    }
}
