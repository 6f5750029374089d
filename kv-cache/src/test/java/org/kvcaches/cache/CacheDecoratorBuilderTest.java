package org.kvcaches.cache;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;

class CacheDecoratorBuilderTest {

    @Test
    void aStoreCannotBeACacheTierOverItself() {
        KeyValueStore same = KeyValueStores.open("mem:");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CacheDecorator.builder(same, same));
        assertTrue(e.getMessage().contains("over itself"), e.getMessage());
    }

    @Test
    void negativeSizesAndCountsAndNonPositiveDurationsAreRefusedWithTheOptionNamed() {
        CacheDecorator.Builder builder = CacheDecorator.builder(KeyValueStores.open("heap:"), KeyValueStores.open("mem:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.maxCachedSize(-1)).getMessage().contains("maxCachedSize"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.maxSuspects(-1)).getMessage().contains("maxSuspects"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.maxSuspects(0)).getMessage().contains("maxSuspects"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.entryTtl(Duration.ZERO)).getMessage().contains("entryTtl"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.leaseTtl(Duration.ofSeconds(-1))).getMessage()
                .contains("leaseTtl"));
    }
}
