package org.kvcaches.tck.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A cache contract area: values over the size limit are served but leave no entry, and a stream closed
 * early never caches a truncated value. Part of {@link CacheContract}.
 */
public interface OversizeAndStreamContract extends CacheDecoratorContract {

    @Test
    default void aValueOverTheSizeLimitIsServedButLeavesNoEntry(CacheRig rig) throws IOException {
        long limit = rig.fixture().maxCachedSize();
        assumeTrue(limit >= 0 && limit < (64 << 20), "skipped: the fixture declares no size limit under 64 MiB (CacheFixture.maxCachedSize())");
        byte[] big = new byte[(int) limit + 1];
        ThreadLocalRandom.current().nextBytes(big);
        rig.rawStore().put("big", big);
        assertArrayEquals(big, rig.decorated().get("big"));
        try (InputStream in = rig.decorated().open("big")) {
            assertArrayEquals(big, in.readAllBytes());
        }
        assertTrue(rig.rawCache().find("big").isEmpty(), "the cache store " + rig.rawCache() + " holds no entry (not even a marker) of an oversize value");
    }

    @Test
    default void anOversizeStreamClosedEarlyLeavesNoEntry(CacheRig rig) throws IOException {
        long limit = rig.fixture().maxCachedSize();
        assumeTrue(limit >= 0 && limit < (64 << 20), "skipped: the fixture declares no size limit under 64 MiB (CacheFixture.maxCachedSize())");
        byte[] big = new byte[(int) limit + 1];
        ThreadLocalRandom.current().nextBytes(big);
        rig.rawStore().put("big", big);
        try (InputStream in = rig.decorated().open("big")) {
            assertEquals(10, in.readNBytes(10).length);
        }
        assertTrue(rig.rawCache().find("big").isEmpty(), "the cache store " + rig.rawCache() + " holds no entry of a stream closed early");
        assertArrayEquals(big, rig.decorated().get("big"));
    }

    @Test
    default void aStreamClosedEarlyNeverCachesATruncatedValue(CacheRig rig) throws IOException {
        long limit = rig.fixture().maxCachedSize();
        byte[] v = new byte[(int) (limit < 0 ? 64 << 10 : Math.min(limit, 64 << 10))];
        ThreadLocalRandom.current().nextBytes(v);
        rig.rawStore().put("k", v);
        try (InputStream in = rig.decorated().open("k")) {
            assertEquals(10, in.readNBytes(10).length);
        }
        Optional<byte[]> entry = rig.rawCache().find("k");
        assertTrue(entry.isEmpty() || CacheRig.indexOf(entry.get(), v) >= 0, "an entry the early close left in the cache store holds the whole value");
        assertArrayEquals(v, rig.decorated().get("k"));
        assertArrayEquals(v, rig.anotherInstance().get("k"));
    }
}
