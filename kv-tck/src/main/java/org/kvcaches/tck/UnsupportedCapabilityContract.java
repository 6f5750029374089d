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
        assertThrows(UnsupportedOperationException.class, () -> store.put("k", bytes("new"), Duration.ofSeconds(5)), "store.put(\"k\", bytes(\"new\"), Duration.ofSeconds(5)) throws UnsupportedOperationException");
        ByteArrayInputStream data = new ByteArrayInputStream(bytes("new"));
        assertThrows(UnsupportedOperationException.class, () -> store.put("k", data, Duration.ofSeconds(5)), "store.put(\"k\", data, Duration.ofSeconds(5)) throws UnsupportedOperationException");
        assertEquals(3, data.available(), "the stream was not read");
        assertThrows(UnsupportedOperationException.class, () -> store.put("fresh", new ByteArrayInputStream(bytes("new")),
                Duration.ofSeconds(5)), "store.put(\"fresh\", new ByteArrayInputStream(bytes(\"new\")), Duration.ofSeconds(5)) throws UnsupportedOperationException");
        assertArrayEquals(bytes("old"), store.get("k"), "store.get(\"k\") equals bytes(\"old\")");
        assertFalse(store.contains("fresh"), "store.contains(\"fresh\") is false");
    }

    @Test
    @RequiresAbsent(Capability.TTL)
    default void conditionalWritesWithTtlAreUnsupportedAndChangeNothing(KeyValueStore store) {
        store.put("k", bytes("old"));
        assertThrows(UnsupportedOperationException.class, () -> store.putIfAbsent("fresh", bytes("new"), Duration.ofSeconds(5)), "store.putIfAbsent(\"fresh\", bytes(\"new\"), Duration.ofSeconds(5)) throws UnsupportedOperationException");
        assertThrows(UnsupportedOperationException.class,
                () -> store.compareAndSet("k", bytes("old"), bytes("new"), Duration.ofSeconds(5)), "store.compareAndSet(\"k\", bytes(\"old\"), bytes(\"new\"), Duration.ofSeconds(5)) throws UnsupportedOperationException");
        assertArrayEquals(bytes("old"), store.get("k"), "store.get(\"k\") equals bytes(\"old\")");
        assertFalse(store.contains("fresh"), "store.contains(\"fresh\") is false");
    }

    @Test
    @RequiresAbsent(Capability.PUT_IF_ABSENT)
    default void putIfAbsentIsUnsupportedAndChangesNothing(KeyValueStore store) {
        assertThrows(UnsupportedOperationException.class, () -> store.putIfAbsent("k", bytes("new")), "store.putIfAbsent(\"k\", bytes(\"new\")) throws UnsupportedOperationException");
        assertFalse(store.contains("k"), "store.contains(\"k\") is false");
    }

    @Test
    @RequiresAbsent(Capability.COMPARE_AND_SET)
    default void compareAndSetIsUnsupportedAndChangesNothing(KeyValueStore store) {
        store.put("k", bytes("old"));
        assertThrows(UnsupportedOperationException.class, () -> store.compareAndSet("k", bytes("old"), bytes("new")), "store.compareAndSet(\"k\", bytes(\"old\"), bytes(\"new\")) throws UnsupportedOperationException");
        assertArrayEquals(bytes("old"), store.get("k"), "store.get(\"k\") equals bytes(\"old\")");
    }

    @Test
    @RequiresAbsent(Capability.URL)
    default void urlIsUnsupported(KeyValueStore store) {
        assertThrows(UnsupportedOperationException.class, () -> store.url("k"), "store.url(\"k\") throws UnsupportedOperationException");
        assertFalse(store.contains("k"), "store.contains(\"k\") is false");
    }
}
