package org.kvcaches.tck.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyNotFoundException;

/**
 * A cache contract area: a failed invalidation never lets the old value be served and never fails the
 * write, and a cache store that fails every call never fails a read or a write. Part of {@link CacheContract}.
 */
public interface InvalidationFailureContract extends CacheDecoratorContract {

    @ParameterizedTest
    @EnumSource(CacheWrite.class)
    default void aFailedInvalidationNeverServesTheOldValueAndTheWriteSucceeds(CacheWrite write, CacheRig rig) {
        rig.assumeDecoratedClaims(write.needs());
        byte[] v1 = CacheRig.value("old");
        byte[] v2 = CacheRig.value("new");
        rig.rawStore().put("k", v1);
        assertArrayEquals(v1, rig.decorated().get("k"));
        assertArrayEquals(v1, rig.decorated().get("k"));
        rig.cache().failNext(ControlledStore.Operation.DELETE, 1);
        byte[] expected = write.apply(rig.decorated(), rig.rawStore(), "k", v1, v2);
        for (int i = 0; i < 3; i++) {
            CacheRig.assertValue(expected, rig.decorated().find("k"), "read " + (i + 1) + " after " + write + " whose invalidation failed");
        }
        byte[] v3 = CacheRig.value("later");
        rig.decorated().put("k", v3);
        CacheRig.assertValue(v3, rig.decorated().find("k"), "read after a later write whose invalidation succeeded");
    }

    @Test
    default void aCacheThatKeepsFailingToInvalidateNeverServesTheOldValue(CacheRig rig) {
        byte[] v1 = CacheRig.value("old");
        byte[] v2 = CacheRig.value("new");
        rig.rawStore().put("k", v1);
        assertArrayEquals(v1, rig.decorated().get("k"));
        assertArrayEquals(v1, rig.decorated().get("k"));
        rig.cache().failNext(ControlledStore.Operation.DELETE, Integer.MAX_VALUE);
        rig.decorated().put("k", v2);
        for (int i = 0; i < 3; i++) {
            CacheRig.assertValue(v2, rig.decorated().find("k"), "read " + (i + 1) + " while the cache store cannot delete");
        }
        rig.decorated().delete("k");
        CacheRig.assertValue(null, rig.decorated().find("k"), "read after a delete while the cache store cannot delete");
        rig.cache().heal();
        byte[] v3 = CacheRig.value("healed");
        rig.decorated().put("k", v3);
        assertArrayEquals(v3, rig.decorated().get("k"));
    }

    @Test
    default void aCacheStoreThatThrowsOnEveryCallNeverFailsAReadOrAWrite(CacheRig rig) throws IOException {
        byte[] v1 = CacheRig.value("v1");
        byte[] v2 = CacheRig.value("v2");
        rig.rawStore().put("k", v1);
        rig.cache().failEverything();
        assertArrayEquals(v1, rig.decorated().get("k"));
        assertArrayEquals(v1, rig.decorated().find("k").orElseThrow());
        assertTrue(rig.decorated().contains("k"));
        assertEquals(v1.length, rig.decorated().size("k"));
        try (InputStream in = rig.decorated().open("k")) {
            assertArrayEquals(v1, in.readAllBytes());
        }
        assertThrows(KeyNotFoundException.class, () -> rig.decorated().get("absent"));
        rig.decorated().put("k", v2);
        assertArrayEquals(v2, rig.decorated().get("k"));
        rig.decorated().put("s", new ByteArrayInputStream(v1));
        rig.decorated().copy("s", "c");
        rig.decorated().move("c", "m");
        assertArrayEquals(v1, rig.decorated().get("m"));
        if (rig.decorated().capabilities().contains(Capability.COMPARE_AND_SET)) {
            assertTrue(rig.decorated().compareAndSet("m", v1, v2));
        }
        if (rig.decorated().capabilities().contains(Capability.PUT_IF_ABSENT)) {
            assertTrue(rig.decorated().putIfAbsent("p", v1));
        }
        rig.decorated().deleteAll(List.of("s", "m"));
        rig.decorated().delete("k");
        assertTrue(rig.decorated().find("k").isEmpty());
        try (Stream<String> keys = rig.decorated().keys("")) {
            assertEquals(rig.decorated().capabilities().contains(Capability.PUT_IF_ABSENT) ? List.of("p") : List.of(), keys.toList());
        }
    }
}
