package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kvcaches.tck.TestValues.bytes;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyValueStore;

/** Time to live on put (capability {@link Capability#TTL}). */
public interface TtlContract extends StoreContract {
    /** How long a value with a short TTL may outlive it before the test fails. */
    Duration GRACE = Duration.ofSeconds(3);

    private static boolean goneWithin(KeyValueStore store, String key, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!store.contains(key)) {
                return true;
            }
            Thread.sleep(25);
        }
        return !store.contains(key);
    }

    @Test
    @Requires(Capability.TTL)
    default void valueWithTtlExpires(KeyValueStore store) throws InterruptedException {
        store.put("ttl", bytes("v"), Duration.ofMillis(300));
        store.put("stream-ttl", new ByteArrayInputStream(bytes("v")), Duration.ofMillis(300));
        assertArrayEquals(bytes("v"), store.get("ttl"), "the value is there before it expires");
        assertTrue(goneWithin(store, "ttl", Duration.ofMillis(300).plus(GRACE)), "the value expired");
        assertTrue(goneWithin(store, "stream-ttl", GRACE), "the streamed value expired");
        assertTrue(store.find("ttl").isEmpty(), "store.find(\"ttl\").isEmpty()");
        try (Stream<String> keys = store.keys("")) {
            assertFalse(keys.collect(Collectors.toList()).contains("ttl"), "keys(\"\") still lists the expired key ttl");
        }
    }

    @Test
    @Requires(Capability.TTL)
    default void valueWithoutTtlStays(KeyValueStore store) throws InterruptedException {
        store.put("ttl", bytes("v"), Duration.ofMillis(200));
        store.put("forever", bytes("v"));
        assertTrue(goneWithin(store, "ttl", Duration.ofMillis(200).plus(GRACE)), "goneWithin(store, \"ttl\", Duration.ofMillis(200).plus(GRACE))");
        assertTrue(store.contains("forever"), "store.contains(\"forever\")");
    }

    @Test
    @Requires(Capability.TTL)
    default void putWithoutTtlMakesAValuePermanent(KeyValueStore store) throws InterruptedException {
        store.put("k", bytes("short-lived"), Duration.ofMillis(200));
        store.put("k", bytes("permanent"));
        Thread.sleep(600);
        assertArrayEquals(bytes("permanent"), store.get("k"), "store.get(\"k\") equals bytes(\"permanent\")");
    }

    @Test
    @Requires(Capability.TTL)
    default void longTtlKeepsTheValue(KeyValueStore store) {
        store.put("k", bytes("v"), Duration.ofHours(1));
        assertArrayEquals(bytes("v"), store.get("k"), "store.get(\"k\") equals bytes(\"v\")");
        try (Stream<String> keys = store.keys("")) {
            assertTrue(keys.collect(Collectors.toList()).contains("k"), "keys.collect(Collectors.toList()).contains(\"k\")");
        }
    }

    @Test
    @Requires(Capability.TTL)
    default void nonPositiveTtlIsRejected(KeyValueStore store) {
        for (Duration bad : List.of(Duration.ZERO, Duration.ofMillis(-1), Duration.ofSeconds(-10))) {
            assertThrows(IllegalArgumentException.class, () -> store.put("k", bytes("v"), bad), "store.put(\"k\", bytes(\"v\"), bad) throws IllegalArgumentException");
        }
        assertThrows(NullPointerException.class, () -> store.put("k", bytes("v"), null), "store.put(\"k\", bytes(\"v\"), null) throws NullPointerException");
        assertFalse(store.contains("k"), "store.contains(\"k\") is false");
    }
}
