package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.kvcaches.tck.TestValues.bytes;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyValueStore;

/**
 * Operations of capabilities a store does not claim throw {@link UnsupportedOperationException} before
 * touching the store: the value stays as it was and a stream handed in is not read.
 */
public interface UnsupportedCapabilityContract extends StoreContract {

    @Test
    @RequiresAbsent(Capability.TTL)
    default void ttlPutIsUnsupportedAndChangesNothing(KeyValueStore store) {
        store.put("k", bytes("old"));
        assertThrows(UnsupportedOperationException.class, () -> store.put("k", bytes("new"), Duration.ofSeconds(5)));
        ByteArrayInputStream data = new ByteArrayInputStream(bytes("new"));
        assertThrows(UnsupportedOperationException.class, () -> store.put("k", data, Duration.ofSeconds(5)));
        assertEquals(3, data.available(), "the stream was not read");
        assertThrows(UnsupportedOperationException.class, () -> store.put("fresh", new ByteArrayInputStream(bytes("new")),
                Duration.ofSeconds(5)));
        assertArrayEquals(bytes("old"), store.get("k"));
        assertFalse(store.contains("fresh"));
    }

    @Test
    @RequiresAbsent(Capability.TTL)
    default void conditionalWritesWithTtlAreUnsupportedAndChangeNothing(KeyValueStore store) {
        store.put("k", bytes("old"));
        assertThrows(UnsupportedOperationException.class, () -> store.putIfAbsent("fresh", bytes("new"), Duration.ofSeconds(5)));
        assertThrows(UnsupportedOperationException.class,
                () -> store.compareAndSet("k", bytes("old"), bytes("new"), Duration.ofSeconds(5)));
        assertArrayEquals(bytes("old"), store.get("k"));
        assertFalse(store.contains("fresh"));
    }

    @Test
    @RequiresAbsent(Capability.PUT_IF_ABSENT)
    default void putIfAbsentIsUnsupportedAndChangesNothing(KeyValueStore store) {
        assertThrows(UnsupportedOperationException.class, () -> store.putIfAbsent("k", bytes("new")));
        assertFalse(store.contains("k"));
    }

    @Test
    @RequiresAbsent(Capability.COMPARE_AND_SET)
    default void compareAndSetIsUnsupportedAndChangesNothing(KeyValueStore store) {
        store.put("k", bytes("old"));
        assertThrows(UnsupportedOperationException.class, () -> store.compareAndSet("k", bytes("old"), bytes("new")));
        assertArrayEquals(bytes("old"), store.get("k"));
    }

    @Test
    @RequiresAbsent(Capability.URL)
    default void urlIsUnsupported(KeyValueStore store) {
        assertThrows(UnsupportedOperationException.class, () -> store.url("k"));
        assertFalse(store.contains("k"));
    }
}
