package org.kvcaches.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kvcaches.api.internal.ProviderRegistry;

/**
 * Providers are loaded once per class loader; a broken one is reported and skipped. Each test runs
 * with a context class loader that adds service entries to the test class path.
 */
class ProviderLoadingTest {
    @TempDir
    Path services;

    @Test
    void aProviderThatCannotBeConstructedIsReportedAndTheOthersKeepWorking() throws IOException {
        withServices(Map.of("org.kvcaches.api.spi.StoreProvider", List.of("org.kvcaches.api.testproviders.ThrowingProvider")), () -> {
            try (KeyValueStore store = KeyValueStores.open("mem:")) {
                store.put("k", new byte[] {1});
            }
            StoreUriException e = assertThrows(StoreUriException.class, () -> KeyValueStores.open("throwing://x"));
            assertTrue(e.getMessage().contains("1 that failed to load might have: org.kvcaches.api.testproviders.ThrowingProvider failed")
                    && e.getMessage().contains("no licence for the throwing store"), e.getMessage());
            return null;
        });
    }

    @Test
    void theProviderOfAKnownSchemeThatFailedToLoadIsNamedWhenItsSchemeIsOpened() throws IOException {
        // kv-backend-redis is not on kv-api's test class path: its provider class is missing, as when a jar is half there.
        withServices(Map.of("org.kvcaches.api.spi.StoreProvider", List.of("org.kvcaches.redis.RedisStoreProvider")), () -> {
            KvException e = assertThrows(KvException.class, () -> KeyValueStores.open("redis://u:hunter2@h/0"));
            assertTrue(e.getMessage().startsWith("the store provider for scheme 'redis' (in 'redis://u:***@h/0') failed to load:"
                    + " org.kvcaches.redis.RedisStoreProvider is listed in META-INF/services but is not on the class path"), e.getMessage());
            assertTrue(KeyValueStores.schemes().contains("mem"), KeyValueStores.schemes().toString());
            assertEquals(1, ProviderRegistry.current().failures().size(), ProviderRegistry.current().failures().toString());
            return null;
        });
    }

    @Test
    void aProviderOutsideThisProjectThatClaimsOneOfItsSchemesIsRefusedAsADuplicate() throws IOException {
        // Opening mem: may load its provider alone only when nothing else could claim mem:.
        withServices(Map.of("org.kvcaches.api.spi.StoreProvider", List.of("org.kvcaches.api.testproviders.MemClaimingProvider")), () -> {
            StoreUriException e = assertThrows(StoreUriException.class, () -> KeyValueStores.open("mem:"));
            assertTrue(e.getMessage().contains("scheme 'mem' is claimed by 2 store providers: org.kvcaches.api.internal.MemoryStoreProvider"
                    + " (org.kvcaches:kv-api) and org.kvcaches.api.testproviders.MemClaimingProvider"), e.getMessage());
            return null;
        });
    }

    @Test
    void twoTierComposersAreRefusedByName() throws IOException {
        withServices(Map.of("org.kvcaches.api.spi.TierComposer", List.of("org.kvcaches.api.testproviders.SecondComposer")), () -> {
            StoreUriException e = assertThrows(StoreUriException.class, () -> KeyValueStores.open("mem: | mem:"));
            assertTrue(e.getMessage().contains("found 2 tier composers: org.kvcaches.api.testproviders.RecordingComposer and"
                    + " org.kvcaches.api.testproviders.SecondComposer; remove all but one"), e.getMessage());
            return null;
        });
    }

    @Test
    void providersAreLoadedOncePerClassLoader() throws IOException {
        ProviderRegistry outside = ProviderRegistry.current();
        assertTrue(outside == ProviderRegistry.current());
        ProviderRegistry inside = withServices(Map.of(), ProviderRegistry::current);
        assertTrue(inside != outside);
    }

    private <T> T withServices(Map<String, List<String>> entries, Supplier<T> body) throws IOException {
        for (var entry : entries.entrySet()) {
            Path file = services.resolve("META-INF/services/" + entry.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, entry.getValue());
        }
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {services.toUri().toURL()}, before)) {
            thread.setContextClassLoader(loader);
            return body.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
