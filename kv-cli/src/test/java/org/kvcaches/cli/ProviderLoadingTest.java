package org.kvcaches.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.internal.ProviderRegistry;
import org.kvcaches.api.internal.SchemeCatalog;
import org.kvcaches.api.spi.StoreProvider;

/**
 * With every backend on the class path and nothing else listed, opening one of this project's schemes
 * loads its provider alone; the full list, loaded later, holds that same provider. Each test uses a
 * registry of its own (a fresh context class loader), so no other test has loaded anything yet.
 */
class ProviderLoadingTest {

    @Test
    void everySchemeTheCatalogSaysIsAlwaysServedIsAmongItsProvidersSchemes() {
        for (SchemeCatalog.Entry entry : SchemeCatalog.entries()) {
            if (entry.alwaysServed()) {
                StoreProvider provider = ProviderRegistry.current().providers().stream()
                        .filter(p -> p.getClass().getName().equals(entry.provider())).findFirst().orElseThrow();
                assertTrue(provider.schemes().contains(entry.scheme()), entry + " " + provider.schemes());
            }
        }
    }

    @Test
    void theProviderOfAnOpenedSchemeIsTheOneTheFullListShowsLater() throws Exception {
        withFreshRegistry(registry -> {
            StoreProvider file = registry.provider("file", "file:data");
            assertEquals("[create, fsync, permissions]", registry.options(file, "file").keySet().toString());
            assertTrue(registry.providers().stream().anyMatch(p -> p == file), registry.providers().toString());
            assertEquals(file, registry.provider("file", "file:data"));
            return null;
        });
    }

    private static <T> T withFreshRegistry(Function<ProviderRegistry, T> body) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[0], before)) {
            thread.setContextClassLoader(loader);
            return body.apply(ProviderRegistry.current());
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
