package org.kvcaches.api.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.InvalidKeyException;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;

class ForwardingKeyValueStoreTest {

    /** Overrides one hook, as a decorator does; everything else is forwarded. */
    private static final class CountingFinds extends ForwardingKeyValueStore {
        final AtomicInteger finds = new AtomicInteger();

        CountingFinds(KeyValueStore delegate) {
            super("counting(" + delegate + ")", delegate);
        }

        @Override
        protected Optional<byte[]> doFind(String key) {
            finds.incrementAndGet();
            return super.doFind(key);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyOperationReachesTheDelegate() {
        KeyValueStore mem = KeyValueStores.open("mem:");
        try (CountingFinds store = new CountingFinds(mem)) {
            store.put("a", bytes("1"));
            store.put("b", new ByteArrayInputStream(bytes("22")));
            assertTrue(store.putIfAbsent("c", bytes("3")));
            assertTrue(store.compareAndSet("c", bytes("3"), bytes("33")));
            store.copy("a", "d");
            store.move("d", "e");
            assertArrayEquals(bytes("1"), mem.get("e"));
            assertFalse(mem.contains("d"));
            assertEquals(2, store.size("b"));
            assertEquals(Map.of("a", "1", "c", "33"), Map.of("a", new String(store.getAll(List.of("a", "c")).get("a"),
                    StandardCharsets.UTF_8), "c", new String(store.get("c"), StandardCharsets.UTF_8)));
            store.deleteAll(List.of("a", "b"));
            store.delete("c");
            assertEquals(List.of("e"), store.keys("").toList());
            assertEquals(1, store.find("e").map(v -> v.length).orElse(0));
            assertEquals(1, store.finds.get(), "the overridden hook saw the find");
        }
    }

    @Test
    void timeToLiveIsForwardedAndCapabilitiesAreTheDelegates() throws InterruptedException {
        KeyValueStore mem = KeyValueStores.open("mem:");
        try (CountingFinds store = new CountingFinds(mem)) {
            assertEquals(mem.capabilities(), store.capabilities());
            store.put("short", bytes("x"), Duration.ofMillis(1));
            store.put("long", bytes("y"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (mem.contains("short") && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertFalse(mem.contains("short"), "a value put with a time to live through the forwarder expired below");
            assertTrue(mem.contains("long"), "a value put without a time to live stays");
        }
    }

    @Test
    void keysAreCheckedAtTheOuterStoreBeforeTheDelegateIsCalled() {
        try (CountingFinds store = new CountingFinds(KeyValueStores.open("mem:"))) {
            assertThrows(InvalidKeyException.class, () -> store.find("bad key"));
            assertEquals(0, store.finds.get(), "no hook ran for an invalid key");
        }
    }

    @Test
    void closingTheForwarderClosesTheDelegateAndAClosedDelegateIsRefused() {
        KeyValueStore mem = KeyValueStores.open("mem:");
        CountingFinds store = new CountingFinds(mem);
        store.close();
        assertThrows(IllegalStateException.class, () -> mem.get("a"), "the delegate was closed with the forwarder");

        KeyValueStore below = KeyValueStores.open("mem:");
        CountingFinds over = new CountingFinds(below);
        below.close();
        assertThrows(IllegalStateException.class, () -> over.put("a", bytes("1")), "a closed delegate refuses calls through the forwarder");
    }
}
