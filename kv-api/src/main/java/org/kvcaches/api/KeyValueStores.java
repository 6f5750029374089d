package org.kvcaches.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
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
 * {@code |} inside a URI must therefore be written {@code %7C}.
 */
public final class KeyValueStores {
    /** Where each well-known scheme lives, for the "add this jar" message. */
    private static final Map<String, String> ARTIFACTS = Map.ofEntries(
            Map.entry("mem", "kv-api"),
            Map.entry("heap", "kv-cache"),
            Map.entry("file", "kv-backend-fs"),
            Map.entry("ram", "kv-backend-fs"),
            Map.entry("tmp", "kv-backend-fs"),
            Map.entry("sftp", "kv-backend-fs"),
            Map.entry("ftp", "kv-backend-fs"),
            Map.entry("ftps", "kv-backend-fs"),
            Map.entry("webdav", "kv-backend-fs"),
            Map.entry("hdfs", "kv-backend-fs"),
            Map.entry("redis", "kv-backend-redis"),
            Map.entry("rediss", "kv-backend-redis"),
            Map.entry("redis-cluster", "kv-backend-redis"),
            Map.entry("s3", "kv-backend-s3"));

    private KeyValueStores() {
    }

    /**
     * Opens the store, or the tier chain, that a URI names.
     *
     * @param uri a store URI or a {@code |}-separated tier chain
     * @return the open store; the caller closes it
     * @throws StoreUriException when the URI is malformed, names an unknown scheme or has a bad option
     * @throws KvException when the store cannot be reached or opened
     */
    public static KeyValueStore open(String uri) {
        if (uri == null) {
            throw new StoreUriException("a store URI must not be null");
        }
        String[] parts = uri.split("\\|", -1);
        if (parts.length == 1) {
            return openOne(StoreUri.parse(uri));
        }
        return openChain(parts);
    }

    /**
     * @return every scheme some provider on the class path serves, sorted
     */
    public static Set<String> schemes() {
        return Collections.unmodifiableSet(new TreeSet<>(providersByScheme().keySet()));
    }

    private static KeyValueStore openChain(String[] parts) {
        List<StoreUri> uris = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isBlank()) {
                throw new StoreUriException("tier " + (i + 1) + " of " + parts.length
                        + " in chain '" + StoreUri.redact(String.join("|", parts).strip()) + "' is empty");
            }
            try {
                uris.add(StoreUri.parse(parts[i]));
            } catch (StoreUriException e) {
                throw new StoreUriException(tierLabel(i, parts.length, parts[i]) + ": " + e.getMessage(), e);
            }
        }
        List<TierComposer> composers = load(TierComposer.class);
        if (composers.isEmpty()) {
            throw new StoreUriException("tier chains need a tier composer and none is on the class path; add "
                    + "org.kvcaches:kv-cache (chain: " + StoreUri.redact(String.join("|", parts).strip()) + ")");
        }
        List<KeyValueStore> tiers = new ArrayList<>();
        try {
            for (int i = 0; i < uris.size(); i++) {
                try {
                    tiers.add(openOne(uris.get(i)));
                } catch (StoreUriException e) {
                    throw new StoreUriException(tierLabel(i, parts.length, parts[i]) + " failed to open: " + e.getMessage(), e);
                } catch (KvException e) {
                    throw new KvException(tierLabel(i, parts.length, parts[i]) + " failed to open: " + e.getMessage(), e);
                }
            }
            return composers.get(0).compose(List.copyOf(uris), List.copyOf(tiers));
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
        return "tier " + (index + 1) + " of " + count + " ('" + StoreUri.redact(part.strip()) + "')";
    }

    private static KeyValueStore openOne(StoreUri uri) {
        Map<String, List<StoreProvider>> byScheme = providersByScheme();
        List<StoreProvider> candidates = byScheme.get(uri.scheme());
        if (candidates == null) {
            String artifact = ARTIFACTS.get(uri.scheme());
            String hint = artifact != null
                    ? "add org.kvcaches:" + artifact + " to the class path"
                    : "add the jar that provides it (by convention org.kvcaches:kv-backend-" + uri.scheme() + ")";
            throw new StoreUriException("no store provider for scheme '" + uri.scheme() + "' (in '" + uri + "'); "
                    + hint + "; available schemes: " + String.join(", ", new TreeSet<>(byScheme.keySet())));
        }
        if (candidates.size() > 1) {
            List<String> names = new ArrayList<>();
            candidates.forEach(p -> names.add(p.getClass().getName()));
            throw new StoreUriException("scheme '" + uri.scheme() + "' is claimed by " + candidates.size()
                    + " store providers: " + String.join(" and ", names) + "; remove all but one from the class path");
        }
        StoreProvider provider = candidates.get(0);
        Set<String> allowed = provider.options(uri.scheme());
        for (String name : uri.options().names()) {
            if (!allowed.contains(name)) {
                throw new StoreUriException("unknown option '" + name + "' for scheme '" + uri.scheme() + "' in '" + uri
                        + "'; allowed options: " + (allowed.isEmpty() ? "none" : String.join(", ", new TreeSet<>(allowed))));
            }
        }
        return provider.open(uri);
    }

    private static Map<String, List<StoreProvider>> providersByScheme() {
        Map<String, List<StoreProvider>> byScheme = new LinkedHashMap<>();
        for (StoreProvider provider : load(StoreProvider.class)) {
            for (String scheme : provider.schemes()) {
                byScheme.computeIfAbsent(scheme.toLowerCase(java.util.Locale.ROOT), s -> new ArrayList<>()).add(provider);
            }
        }
        return byScheme;
    }

    private static <T> List<T> load(Class<T> type) {
        Map<String, T> found = new LinkedHashMap<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader own = KeyValueStores.class.getClassLoader();
        for (ClassLoader loader : new ClassLoader[] {context, own}) {
            if (loader == null) {
                continue;
            }
            try {
                for (T service : ServiceLoader.load(type, loader)) {
                    found.putIfAbsent(service.getClass().getName(), service);
                }
            } catch (ServiceConfigurationError e) {
                throw new KvException("cannot load a " + type.getSimpleName() + " from the class path: " + e.getMessage(), e);
            }
        }
        return new ArrayList<>(found.values());
    }
}
