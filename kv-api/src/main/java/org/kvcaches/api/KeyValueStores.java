package org.kvcaches.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.kvcaches.api.internal.Excerpt;
import org.kvcaches.api.internal.ProviderRegistry;
import org.kvcaches.api.spi.StoreOption;
import org.kvcaches.api.spi.StoreProvider;
import org.kvcaches.api.spi.StoreUri;
import org.kvcaches.api.spi.TierComposer;

/**
 * Opens stores from URIs, through the {@link StoreProvider}s found by {@link ServiceLoader} (first
 * with the thread's context class loader, then with kv-api's own). Adding a backend jar to the class
 * path makes its schemes work; user code never names a provider class.
 *
 * <p>A URI names one store: {@code mem:}, {@code file:///var/data}, {@code redis://cache:6379/0},
 * {@code s3://bucket/prefix}. A tier chain names several, fastest first and authoritative last,
 * separated by {@code |} (blank space around it allowed):
 * {@code heap://?maxBytes=64MiB | s3://bucket}; it needs {@code org.kvcaches:kv-cache}. A literal
 * {@code |} inside a URI must therefore be written {@code %7C}. A cache tier's options prefixed
 * {@code cache.} configure the cache it forms with the tiers below it:
 * {@code heap://?maxBytes=64MiB&cache.entryTtl=5m | redis://h/0?prefix=app-cache:&cache.maxCachedSize=1MiB | file:///d}.
 *
 * <p>Providers are loaded once per class loader. One that fails to load is named, with the missing
 * class or error, in the message of every open that needed it; the other schemes keep working.
 */
public final class KeyValueStores {
    private KeyValueStores() {
    }

    /**
     * Opens the store, or the tier chain, that a URI names. Every option is checked against the
     * provider's (and, for {@code cache.} options of a chain's cache tiers, the tier composer's)
     * declared options before anything is opened.
     *
     * @param uri a store URI or a {@code |}-separated tier chain
     * @return the open store; the caller closes it
     * @throws StoreUriException when the URI is malformed, names an unknown scheme or has a bad option
     * @throws KvException when the store cannot be reached or opened, or the provider of its scheme
     *     failed to load
     */
    public static KeyValueStore open(String uri) {
        if (uri == null) {
            throw new StoreUriException("a store URI must not be null");
        }
        String[] parts = uri.split("\\|", -1);
        if (parts.length == 1) {
            StoreUri parsed = StoreUri.parse(uri);
            ProviderRegistry registry = ProviderRegistry.current();
            StoreProvider provider = registry.provider(parsed.scheme(), parsed.toString());
            checkOptions(registry, provider, parsed, Role.SINGLE);
            return ProviderRegistry.open(provider, parsed);
        }
        return openChain(parts);
    }

    /**
     * @return every scheme some provider on the class path serves, sorted
     */
    public static Set<String> schemes() {
        return ProviderRegistry.current().schemes();
    }

    /** Where a URI stands, which decides whether it may carry {@code cache.} options. */
    private enum Role { SINGLE, CACHE_TIER, LAST_TIER }

    private static KeyValueStore openChain(String[] parts) {
        String chain = Excerpt.of(StoreUri.redact(String.join("|", parts).strip()), Excerpt.URI);
        List<StoreUri> uris = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isBlank()) {
                throw new StoreUriException("tier " + (i + 1) + " of " + parts.length + " in chain '" + chain + "' is empty");
            }
            try {
                uris.add(StoreUri.parse(parts[i]));
            } catch (StoreUriException e) {
                throw new StoreUriException(tierLabel(i, parts.length, parts[i]) + ": " + e.getMessage(), e);
            }
        }
        ProviderRegistry registry = ProviderRegistry.current();
        TierComposer composer = registry.composer(chain);
        List<StoreProvider> providers = new ArrayList<>();
        for (int i = 0; i < uris.size(); i++) {
            try {
                StoreProvider provider = registry.provider(uris.get(i).scheme(), uris.get(i).toString());
                checkOptions(registry, provider, uris.get(i), i == uris.size() - 1 ? Role.LAST_TIER : Role.CACHE_TIER);
                providers.add(provider);
            } catch (StoreUriException e) {
                throw new StoreUriException(tierLabel(i, parts.length, parts[i]) + ": " + e.getMessage(), e);
            } catch (KvException e) {
                throw new KvException(tierLabel(i, parts.length, parts[i]) + ": " + e.getMessage(), e);
            }
        }
        refuseRepeatedStores(uris, providers, parts);
        List<KeyValueStore> tiers = new ArrayList<>();
        try {
            for (int i = 0; i < uris.size(); i++) {
                try {
                    tiers.add(ProviderRegistry.open(providers.get(i), uris.get(i), i < uris.size() - 1));
                } catch (StoreUriException e) {
                    throw new StoreUriException(tierLabel(i, parts.length, parts[i]) + " failed to open: " + e.getMessage(), e);
                } catch (KvException e) {
                    throw new KvException(tierLabel(i, parts.length, parts[i]) + " failed to open: " + e.getMessage(), e);
                }
            }
            return composer.compose(List.copyOf(uris), List.copyOf(tiers));
        } catch (RuntimeException e) {
            for (KeyValueStore tier : tiers) {
                try {
                    tier.close();
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    private static String tierLabel(int index, int count, String part) {
        return "tier " + (index + 1) + " of " + count + " ('" + Excerpt.of(StoreUri.redact(part.strip()), Excerpt.URI) + "')";
    }

    /** Checks every option of a URI against its declaration, so that no provider sees an unknown or bad one. */
    private static void checkOptions(ProviderRegistry registry, StoreProvider provider, StoreUri uri, Role role) {
        Map<String, StoreOption<?>> declared = registry.options(provider, uri.scheme());
        for (String name : uri.options().names()) {
            String quoted = "'" + Excerpt.of(name, Excerpt.VALUE) + "'";
            StoreOption<?> option = declared.get(name);
            if (option == null && name.startsWith(TierComposer.OPTION_PREFIX)) {
                if (role == Role.SINGLE) {
                    throw new StoreUriException("option " + quoted + " of store URI '" + uri + "' configures the cache that a cache"
                            + " tier of a chain forms with the tiers below it, and a single store has none; write it on a cache"
                            + " tier, e.g. heap://?" + Excerpt.of(name, Excerpt.VALUE) + "=... | " + uri);
                }
                if (role == Role.LAST_TIER) {
                    throw new StoreUriException("option " + quoted + " of store URI '" + uri + "' is on the last tier, which is"
                            + " authoritative and caches nothing; write it on the cache tier whose cache it configures");
                }
                option = registry.composerOptions().get(name);
                if (option == null) {
                    throw new StoreUriException("unknown option " + quoted + " for a cache tier in '" + uri + "'; allowed cache"
                            + " options: " + names(registry.composerOptions().keySet()));
                }
            }
            if (option == null) {
                throw new StoreUriException("unknown option " + quoted + " for scheme '" + uri.scheme() + "' in '" + uri
                        + "'; allowed options: " + names(declared.keySet()));
            }
            uri.options().get(option);
        }
    }

    private static String names(Set<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", new TreeSet<>(names));
    }

    /**
     * Refuses a chain that names one store twice (a tier over itself would take its own cache
     * entries for values). Two URIs name one store when all but their {@code cache.} options are
     * equal, unless the provider opens a new private store each time ({@code mem:}, {@code heap:}).
     */
    private static void refuseRepeatedStores(List<StoreUri> uris, List<StoreProvider> providers, String[] parts) {
        for (int i = 0; i < uris.size(); i++) {
            if (providers.get(i).opensPrivateStore(uris.get(i))) {
                continue;
            }
            for (int j = i + 1; j < uris.size(); j++) {
                if (storeIdentity(uris.get(i)).equals(storeIdentity(uris.get(j)))) {
                    throw new StoreUriException(tierLabel(i, parts.length, parts[i]) + " and tier " + (j + 1)
                            + " name the same store; a tier cannot cache itself, so name each store once");
                }
            }
        }
    }

    private static List<Object> storeIdentity(StoreUri uri) {
        Map<String, String> options = new TreeMap<>();
        for (String name : uri.options().names()) {
            if (!name.startsWith(TierComposer.OPTION_PREFIX)) {
                options.put(name, uri.options().string(name).orElse(""));
            }
        }
        return List.of(uri.scheme(), uri.user(), uri.hosts(), uri.path(), options);
    }
}
