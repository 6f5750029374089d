package org.kvcaches.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.spi.StoreUri;
import org.kvcaches.api.testproviders.RecordingComposer;
import org.kvcaches.api.testproviders.RecordingProvider;

class KeyValueStoresTest {

    @Test
    void openResolvesMemThroughServiceLoader() {
        try (KeyValueStore store = KeyValueStores.open("mem:")) {
            store.put("k", "v".getBytes(StandardCharsets.UTF_8));
            assertEquals("v", new String(store.get("k"), StandardCharsets.UTF_8));
        }
    }

    @Test
    void providerFromTheClassPathReceivesTheParsedUri() {
        try (KeyValueStore store = KeyValueStores.open("TEST://host:1/path?size=1KiB")) {
            assertTrue(store.capabilities().contains(Capability.TTL));
        }
        var uri = RecordingProvider.OPENED.get(RecordingProvider.OPENED.size() - 1);
        assertEquals("test", uri.scheme());
        assertEquals("host", uri.host());
        assertEquals("/path", uri.path());
    }

    @Test
    void schemesListsEveryProvidedScheme() {
        assertTrue(KeyValueStores.schemes().containsAll(List.of("mem", "test", "broken", "dup")), KeyValueStores.schemes().toString());
    }

    @Test
    void unknownKnownSchemeNamesTheArtifactAndListsAvailableSchemes() {
        StoreUriException e = assertThrows(StoreUriException.class, () -> KeyValueStores.open("s3://bucket/prefix"));
        assertTrue(e.getMessage().contains("no store provider for scheme 's3'"), e.getMessage());
        assertTrue(e.getMessage().contains("add org.kvcaches:kv-backend-s3"), e.getMessage());
        assertTrue(e.getMessage().contains("available schemes: broken, dup, mem, test"), e.getMessage());
    }

    @Test
    void unknownThirdPartySchemeInventsNoArtifact() {
        StoreUriException e = assertThrows(StoreUriException.class, () -> KeyValueStores.open("cassandra://h/ks"));
        assertFalse(e.getMessage().contains("kv-backend-cassandra"), e.getMessage());
        assertTrue(e.getMessage().contains("no store provider for scheme 'cassandra'")
                && e.getMessage().contains("add the jar of a store provider that serves it"), e.getMessage());
    }

    @Test
    void twoProvidersForOneSchemeAreNamed() {
        StoreUriException e = assertThrows(StoreUriException.class, () -> KeyValueStores.open("dup:"));
        assertTrue(e.getMessage().contains("DuplicateAProvider") && e.getMessage().contains("DuplicateBProvider"), e.getMessage());
    }

    @Test
    void unknownOptionIsNamedWithTheAllowedOnes() {
        StoreUriException e = assertThrows(StoreUriException.class, () -> KeyValueStores.open("test://h?sise=1"));
        assertTrue(e.getMessage().contains("unknown option 'sise'"), e.getMessage());
        assertTrue(e.getMessage().contains("allowed options: flag, password, size"), e.getMessage());
        e = assertThrows(StoreUriException.class, () -> KeyValueStores.open("mem:?x=1"));
        assertTrue(e.getMessage().contains("allowed options: none"), e.getMessage());
    }

    @Test
    void badlyTypedOptionIsNamed() {
        StoreUriException e = assertThrows(StoreUriException.class, () -> KeyValueStores.open("test://h?size=huge"));
        assertTrue(e.getMessage().contains("option 'size'") && e.getMessage().contains("'huge'"), e.getMessage());
    }

    @Test
    void badValuesAreRefusedBeforeTheProviderOpensAnything() {
        int opened = RecordingProvider.OPENED.size();
        for (String uri : List.of("test://h?size=0", "test://h?size=-1", "test://h?size=99999999999TiB", "test://h?flag=perhaps",
                "mem: | test://h?size=0KiB")) {
            StoreUriException e = assertThrows(StoreUriException.class, () -> KeyValueStores.open(uri), uri);
            assertTrue(e.getMessage().contains("option '"), e.getMessage());
        }
        assertEquals(opened, RecordingProvider.OPENED.size());
    }

    @Test
    void cacheOptionsReachTheComposerOfAChain() {
        int before = RecordingComposer.CHAINS.size();
        try (KeyValueStore store = KeyValueStores.open("test://fast?cache.maxSize=1MiB&cache.flag | mem:")) {
            StoreUri cacheTier = RecordingComposer.CHAINS.get(before).get(0);
            assertEquals(java.util.Optional.of(1L << 20), cacheTier.options().get(RecordingComposer.MAX_SIZE));
        }
    }

    @Test
    void cacheOptionOnASingleStoreIsRefused() {
        StoreUriException e = assertThrows(StoreUriException.class, () -> KeyValueStores.open("mem:?cache.maxSize=1MiB"));
        assertTrue(e.getMessage().contains("option 'cache.maxSize'") && e.getMessage().contains("a single store has none"), e.getMessage());
    }

    @Test
    void cacheOptionOnTheAuthoritativeTierIsRefused() {
        StoreUriException e = assertThrows(StoreUriException.class, () -> KeyValueStores.open("mem: | test://slow?cache.maxSize=1MiB"));
        assertTrue(e.getMessage().startsWith("tier 2 of 2 ('test://slow?cache.maxSize=1MiB')"), e.getMessage());
        assertTrue(e.getMessage().contains("is on the last tier, which is authoritative"), e.getMessage());
    }

    @Test
    void unknownOrBadCacheOptionIsNamedBeforeAnyTierOpens() {
        int opened = RecordingProvider.OPENED.size();
        StoreUriException e = assertThrows(StoreUriException.class, () -> KeyValueStores.open("test://a?cache.maxSise=1 | test://b"));
        assertTrue(e.getMessage().contains("unknown option 'cache.maxSise'") && e.getMessage().contains("allowed cache options: cache.flag, cache.maxSize"),
                e.getMessage());
        e = assertThrows(StoreUriException.class, () -> KeyValueStores.open("test://a?cache.maxSize=-5 | test://b"));
        assertTrue(e.getMessage().startsWith("tier 1 of 2") && e.getMessage().contains("option 'cache.maxSize'"), e.getMessage());
        assertEquals(opened, RecordingProvider.OPENED.size());
    }

    @Test
    void aChainNamingOneStoreTwiceIsRefused() {
        for (String chain : List.of("mem://same | mem://same", "mem://same?cache.flag | mem://other | mem://same", "test://h/p | test://h/p")) {
            StoreUriException e = assertThrows(StoreUriException.class, () -> KeyValueStores.open(chain), chain);
            assertTrue(e.getMessage().contains("name the same store; a tier cannot cache itself"), e.getMessage());
        }
    }

    @Test
    void privateStoresMayRepeatInAChain() {
        try (KeyValueStore store = KeyValueStores.open("mem: | mem:")) {
            assertEquals("mem:", store.toString());
        }
    }

    @Test
    void aHugeUriGivesAShortMessage() {
        String huge = "nosuch://h/" + "a".repeat(10_000_000);
        StoreUriException e = assertThrows(StoreUriException.class, () -> KeyValueStores.open(huge));
        assertTrue(e.getMessage().length() < 5_000, "message of " + e.getMessage().length() + " characters");
        StoreUriException chain = assertThrows(StoreUriException.class, () -> KeyValueStores.open("mem: | " + huge));
        assertTrue(chain.getMessage().length() < 5_000, "message of " + chain.getMessage().length() + " characters");
    }

    @Test
    void secretsNeverAppearInResolutionErrors() {
        for (String uri : List.of("nosuch://u:hunter2@h/0", "test://u:hunter2@h?sise=1", "test://u:hunter2@h?size=x&password=hunter2",
                "broken://u:hunter2@h", "nosuch://u:hunter2@h/0#frag")) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> KeyValueStores.open(uri));
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        }
    }

    @Test
    void malformedUriIsAStoreUriException() {
        assertThrows(StoreUriException.class, () -> KeyValueStores.open("not a uri"));
        assertThrows(StoreUriException.class, () -> KeyValueStores.open(null));
    }

    @Test
    void chainIsParsedFastestFirstAndComposed() {
        int before = RecordingComposer.CHAINS.size();
        try (KeyValueStore store = KeyValueStores.open(" test://fast |mem:|  test://slow?size=1MiB ")) {
            List<StoreUri> chain = RecordingComposer.CHAINS.get(before);
            assertEquals(List.of("test", "mem", "test"), chain.stream().map(StoreUri::scheme).toList());
            assertEquals("fast", chain.get(0).host());
            assertEquals("test://slow?size=1MiB", chain.get(2).toString());
        }
    }

    @Test
    void failingTierIsNamedAndTheTiersOpenedBeforeItAreClosed() {
        int before = RecordingProvider.STORES.size();
        KvException e = assertThrows(KvException.class, () -> KeyValueStores.open("test://a | broken://u:pw@db:1 | mem:"));
        assertTrue(e.getMessage().startsWith("tier 2 of 3 ('broken://u:***@db:1') failed to open"), e.getMessage());
        KeyValueStore first = RecordingProvider.STORES.get(before);
        assertThrows(IllegalStateException.class, () -> first.contains("k"));
    }

    @Test
    void emptyTierAndBadTierUriAreNamed() {
        StoreUriException e = assertThrows(StoreUriException.class, () -> KeyValueStores.open("mem: | | mem:"));
        assertTrue(e.getMessage().contains("tier 2 of 3"), e.getMessage());
        e = assertThrows(StoreUriException.class, () -> KeyValueStores.open("mem: | nosuch:x"));
        assertTrue(e.getMessage().contains("tier 2 of 2 ('nosuch:x')"), e.getMessage());
    }

    @Test
    void singleUriIsNotComposed() {
        int before = RecordingComposer.CHAINS.size();
        try (KeyValueStore store = KeyValueStores.open("mem:")) {
            assertEquals(before, RecordingComposer.CHAINS.size());
            assertEquals("mem:", store.toString());
        }
    }
}
