package org.kvcaches.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.internal.ProviderRegistry;
import org.kvcaches.api.internal.SchemeCatalog;
import org.kvcaches.api.spi.StoreProvider;

/**
 * kv-api's scheme catalog (the "add this jar" hints) agrees with the providers: kv-cli has every
 * backend on its class path, so each scheme a provider serves, or would serve with an optional
 * library, is in the catalog with that provider's class and artifact, and the catalog names nothing else.
 */
class SchemeCatalogTest {
    private final ProviderRegistry registry = ProviderRegistry.current();

    @Test
    void everyProviderLoads() {
        assertEquals("[]", registry.failures().stream().map(ProviderRegistry.Failure::describe).toList().toString());
    }

    @Test
    void theCatalogNamesEverySchemeAProviderKnowsAndNoOther() {
        Map<String, String> known = new TreeMap<>();
        for (StoreProvider provider : registry.providers()) {
            provider.schemes().forEach(s -> known.put(s, provider.getClass().getName()));
            provider.unavailableSchemes().keySet().forEach(s -> known.put(s, provider.getClass().getName()));
        }
        Map<String, String> catalog = new TreeMap<>();
        SchemeCatalog.entries().forEach(e -> catalog.put(e.scheme(), e.provider()));
        assertEquals(known, catalog);
    }

    @Test
    void theCatalogsArtifactIsTheProvidersOwn() {
        for (StoreProvider provider : registry.providers()) {
            for (String scheme : provider.schemes()) {
                Optional<String> artifact = SchemeCatalog.lookup(scheme).map(SchemeCatalog.Entry::artifact);
                assertEquals(artifact, provider.artifact(), scheme);
            }
        }
    }

    @Test
    void theCatalogsTierComposerIsTheOneOnTheClassPath() {
        assertEquals(SchemeCatalog.COMPOSER.provider(), registry.composer("mem: | mem:").getClass().getName());
    }
}
