package org.kvcaches.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.Capability;
import org.kvcaches.api.InvalidKeyException;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.ListedValue;

/** {@code stat} and {@code list} through a decorator come from the authoritative store and touch no cache entry. */
class CacheMetadataTest {
    private final KeyValueStore cache = KeyValueStores.open("heap:");
    private final KeyValueStore store = KeyValueStores.open("mem:");
    private final CacheDecorator chain = CacheDecorator.builder(cache, store).build();

    @Test
    void statOfACachedKeyReportsTheStoresValueNotTheCachedOne() {
        chain.put("k", new byte[3]);
        chain.get("k");
        store.put("k", new byte[7]);

        assertEquals(7, chain.stat("k").orElseThrow().size(), "the store's size, though the cache holds 3 bytes");
        assertEquals(store.stat("k"), chain.stat("k"), "the store's time as well");
        assertTrue(chain.capabilities().contains(Capability.LAST_MODIFIED), "the store's metadata capabilities are kept");
    }

    @Test
    void statAndListFillNothingAndCountNoRead() {
        store.put("a/1", new byte[1]);
        store.put("a/2", new byte[2]);
        CacheStats before = chain.stats();

        assertEquals(1, chain.stat("a/1").orElseThrow().size());
        assertEquals(Optional.empty(), chain.stat("a/missing"));
        List<ListedValue> listed;
        try (Stream<ListedValue> entries = chain.list("a/")) {
            listed = entries.sorted(java.util.Comparator.comparing(ListedValue::key)).toList();
        }

        assertEquals(List.of("a/1", "a/2"), listed.stream().map(ListedValue::key).toList());
        assertEquals(store.stat("a/2").orElseThrow(), listed.get(1).info());
        assertFalse(cache.contains("a/1") || cache.contains("a/2") || cache.contains("a/missing"), "no cache entry was made");
        assertEquals(before.requestCount(), chain.stats().requestCount(), "metadata is no cache read");
    }

    @Test
    void anInvalidKeyOrPrefixIsRefused() {
        assertThrows(InvalidKeyException.class, () -> chain.stat("a b"));
        assertThrows(InvalidKeyException.class, () -> chain.stat("/lead"));
        assertThrows(InvalidKeyException.class, () -> chain.list("bad prefix"));
    }
}
