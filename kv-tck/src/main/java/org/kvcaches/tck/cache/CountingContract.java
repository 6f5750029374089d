package org.kvcaches.tck.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A cache contract area: hits, misses and failed loads are counted, where the fixture can read the
 * counters. Part of {@link CacheContract}.
 */
public interface CountingContract extends CacheDecoratorContract {

    @Test
    default void hitsMissesAndFailedLoadsAreCounted(CacheRig rig) {
        Optional<CacheCounts> start = rig.fixture().counts(rig.decorated());
        assumeTrue(start.isPresent(), "skipped: the fixture reads no counters (CacheFixture.counts())");
        byte[] v = CacheRig.value("v");
        rig.rawStore().put("k", v);
        rig.decorated().get("k");
        rig.decorated().get("k");
        rig.store().failNext(ControlledStore.Operation.READ, 1);
        assertThrows(RuntimeException.class, () -> rig.decorated().get("other"));
        CacheCounts end = rig.fixture().counts(rig.decorated()).orElseThrow();
        assertEquals(start.get().hits() + 1, end.hits(), "hits: " + start.get() + " then " + end);
        assertEquals(start.get().misses() + 2, end.misses(), "misses: " + start.get() + " then " + end);
        assertEquals(start.get().loadFailures() + 1, end.loadFailures(), "load failures: " + start.get() + " then " + end);
    }
}
