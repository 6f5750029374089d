package org.kvcaches.api.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ref.SoftReference;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import org.kvcaches.api.KvException;
import org.kvcaches.api.StoreUriException;
import org.kvcaches.api.spi.StoreOption;
import org.kvcaches.api.spi.StoreProvider;
import org.kvcaches.api.spi.StoreUri;
import org.kvcaches.api.spi.TierComposer;

/**
 * The store providers and tier composers of one class loader, loaded once (with that loader and
 * with kv-api's own) and shared. A provider that fails to load, or whose {@code schemes()} or
 * {@code options()} throws, is kept as a {@link Failure}, logged once, named in the message of every
 * open that could have needed it, and skipped; every other provider keeps working.
 */
public final class ProviderRegistry {
    private static final System.Logger LOG = System.getLogger(ProviderRegistry.class.getName());
    /**
     * Soft values: a registry holds classes of its loader, so a strong value would keep an undeployed
     * web application's loader alive through this weak map forever.
     */
    private static final Map<ClassLoader, SoftReference<ProviderRegistry>> BY_LOADER = new WeakHashMap<>();

    /** A provider or composer that could not be used, with why. */
    public record Failure(String service, String className, Throwable error) {
        /** @return the class, what went wrong and, for a missing class, the artifact to add */
        public String describe() {
            if (String.valueOf(error.getMessage()).endsWith("Provider " + className + " not found")) {
                return className + " is listed in META-INF/services but is not on the class path";
            }
            for (Throwable t = error; t != null; t = t.getCause()) {
                if (t instanceof NoClassDefFoundError || t instanceof ClassNotFoundException) {
                    String missing = String.valueOf(t.getMessage()).replace('/', '.');
                    if (missing.equals(className)) {
                        return className + " is listed in META-INF/services but is not on the class path";
                    }
                    return className + " needs class " + missing + ", which is not on the class path"
                            + SchemeCatalog.artifactOfClass(missing).map(a -> " (add " + a + ")").orElse("");
                }
            }
            Throwable root = error;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return className + " failed: " + root.getClass().getName() + ": "
                    + Excerpt.of(StoreUri.redact(String.valueOf(root.getMessage())), Excerpt.URI);
        }
    }

    private final List<StoreProvider> providers;
    private final List<TierComposer> composers;
    private final List<Failure> failures = new ArrayList<>();
    private final Map<String, List<StoreProvider>> byScheme = new LinkedHashMap<>();
    private final Map<String, StoreProvider> unavailable = new LinkedHashMap<>();
    private final Map<StoreProvider, Map<String, Map<String, StoreOption<?>>>> options = new LinkedHashMap<>();
    private final Map<String, StoreOption<?>> composerOptions = new LinkedHashMap<>();

    private ProviderRegistry(ClassLoader loader) {
        List<StoreProvider> loaded = load(StoreProvider.class, loader);
        List<StoreProvider> usable = new ArrayList<>();
        for (StoreProvider provider : loaded) {
            try {
                Map<String, Map<String, StoreOption<?>>> perScheme = new LinkedHashMap<>();
                for (String scheme : provider.schemes()) {
                    perScheme.put(scheme.toLowerCase(Locale.ROOT), byName(provider.options(scheme), null));
                }
                Map<String, String> dormant = provider.unavailableSchemes();
                usable.add(provider);
                options.put(provider, perScheme);
                perScheme.keySet().forEach(s -> byScheme.computeIfAbsent(s, k -> new ArrayList<>()).add(provider));
                dormant.keySet().forEach(s -> unavailable.putIfAbsent(s.toLowerCase(Locale.ROOT), provider));
            } catch (RuntimeException | LinkageError e) {
                failures.add(new Failure(StoreProvider.class.getName(), provider.getClass().getName(), e));
            }
        }
        providers = List.copyOf(usable);
        List<TierComposer> composersFound = new ArrayList<>();
        for (TierComposer composer : load(TierComposer.class, loader)) {
            try {
                byName(composer.options(), TierComposer.OPTION_PREFIX).forEach(composerOptions::putIfAbsent);
                composersFound.add(composer);
            } catch (RuntimeException | LinkageError e) {
                failures.add(new Failure(TierComposer.class.getName(), composer.getClass().getName(), e));
            }
        }
        composers = List.copyOf(composersFound);
        for (Failure failure : failures) {
            LOG.log(System.Logger.Level.WARNING, "skipping a broken " + failure.service().substring(failure.service().lastIndexOf('.') + 1)
                    + ": " + failure.describe());
        }
    }

    /**
     * @return the registry of the thread's context class loader (or kv-api's own when there is none),
     *     loading its providers the first time
     */
    public static ProviderRegistry current() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader own = ProviderRegistry.class.getClassLoader();
        ClassLoader key = context != null ? context : own != null ? own : ClassLoader.getSystemClassLoader();
        synchronized (BY_LOADER) {
            SoftReference<ProviderRegistry> ref = BY_LOADER.get(key);
            ProviderRegistry registry = ref == null ? null : ref.get();
            if (registry == null) {
                registry = new ProviderRegistry(key);
                BY_LOADER.put(key, new SoftReference<>(registry));
            }
            return registry;
        }
    }

    /** @return every provider that loaded, in class-name order */
    public List<StoreProvider> providers() {
        return providers;
    }

    /** @return every provider and composer that could not be used */
    public List<Failure> failures() {
        return Collections.unmodifiableList(failures);
    }

    /** @return every scheme some provider serves, sorted */
    public Set<String> schemes() {
        return Collections.unmodifiableSet(new TreeSet<>(byScheme.keySet()));
    }

    /**
     * @param provider a provider of {@link #providers()}
     * @param scheme one of its schemes
     * @return its options for that scheme, by name, in declaration order
     */
    public Map<String, StoreOption<?>> options(StoreProvider provider, String scheme) {
        return options.get(provider).getOrDefault(scheme, Map.of());
    }

    /** @return the options a cache tier of a chain takes, by name (prefixed), in declaration order */
    public Map<String, StoreOption<?>> composerOptions() {
        return Collections.unmodifiableMap(composerOptions);
    }

    /**
     * @param scheme a scheme in lower case
     * @param shown the URI that needs it, secrets redacted, for the message
     * @return the one provider that serves it
     * @throws StoreUriException when none or several do, saying what to add or remove
     * @throws KvException when the provider that serves it failed to load, naming it and why
     */
    public StoreProvider provider(String scheme, String shown) {
        List<StoreProvider> candidates = byScheme.get(scheme);
        if (candidates != null && candidates.size() == 1) {
            return candidates.get(0);
        }
        String quoted = "'" + Excerpt.of(scheme, Excerpt.VALUE) + "'";
        if (candidates != null) {
            List<String> names = new ArrayList<>();
            candidates.forEach(p -> names.add(p.getClass().getName() + p.artifact().map(a -> " (" + a + ")").orElse("")));
            throw new StoreUriException("scheme " + quoted + " is claimed by " + candidates.size() + " store providers: "
                    + String.join(" and ", names) + "; remove all but one from the class path");
        }
        String available = "; available schemes: " + (byScheme.isEmpty() ? "none" : String.join(", ", schemes()));
        StoreProvider dormant = unavailable.get(scheme);
        if (dormant != null) {
            throw new StoreUriException("scheme " + quoted + " (in '" + shown + "') needs " + dormant.unavailableSchemes().get(scheme)
                    + " on the class path: " + dormant.getClass().getName() + dormant.artifact().map(a -> " (" + a + ")").orElse("")
                    + " serves it only with that library" + available);
        }
        var entry = SchemeCatalog.lookup(scheme);
        if (entry.isPresent()) {
            for (Failure failure : failures) {
                if (failure.className().equals(entry.get().provider())) {
                    throw new KvException("the store provider for scheme " + quoted + " (in '" + shown + "') failed to load: "
                            + failure.describe() + available);
                }
            }
            throw new StoreUriException("no store provider for scheme " + quoted + " (in '" + shown + "'); add "
                    + entry.get().artifact() + " to the class path" + available);
        }
        throw new StoreUriException("no store provider for scheme " + quoted + " (in '" + shown + "'); add the jar of a store"
                + " provider that serves it to the class path" + available + brokenOnes(StoreProvider.class));
    }

    /**
     * Opens a store through its provider, turning a class the provider needs but cannot find (a
     * dependency left off the class path that its loading did not touch) into a message naming both.
     *
     * @param provider the provider of the URI's scheme
     * @param uri the URI, its options checked
     * @return the open store
     * @throws KvException when a class is missing
     */
    public static org.kvcaches.api.KeyValueStore open(StoreProvider provider, StoreUri uri) {
        return open(provider, uri, false);
    }

    /**
     * As {@link #open(StoreProvider, StoreUri)}, for a chain's tier.
     *
     * @param provider the provider of the URI's scheme
     * @param uri the URI, its options checked
     * @param cacheTier whether the tier caches the ones below (then it opens while its server is down)
     * @return the open store
     * @throws KvException when a class is missing
     */
    public static org.kvcaches.api.KeyValueStore open(StoreProvider provider, StoreUri uri, boolean cacheTier) {
        try {
            return cacheTier ? provider.openCacheTier(uri) : provider.open(uri);
        } catch (LinkageError e) {
            throw new KvException("cannot open '" + uri + "': " + new Failure(StoreProvider.class.getName(),
                    provider.getClass().getName(), e).describe(), e);
        }
    }

    /**
     * @param chain the chain, secrets redacted, for the message
     * @return the one tier composer on the class path
     * @throws StoreUriException when there is none or there are several
     */
    public TierComposer composer(String chain) {
        if (composers.size() == 1) {
            return composers.get(0);
        }
        if (composers.size() > 1) {
            List<String> names = new ArrayList<>();
            composers.forEach(c -> names.add(c.getClass().getName()));
            throw new StoreUriException("tier chains found " + composers.size() + " tier composers: " + String.join(" and ", names)
                    + "; remove all but one from the class path (chain: " + chain + ")");
        }
        for (Failure failure : failures) {
            if (failure.className().equals(SchemeCatalog.COMPOSER.provider())) {
                throw new KvException("the tier composer failed to load: " + failure.describe() + " (chain: " + chain + ")");
            }
        }
        throw new StoreUriException("tier chains need a tier composer and none is on the class path; add "
                + SchemeCatalog.COMPOSER.artifact() + " (chain: " + chain + ")" + brokenOnes(TierComposer.class));
    }

    private String brokenOnes(Class<?> service) {
        List<String> broken = new ArrayList<>();
        failures.stream().filter(f -> f.service().equals(service.getName())).forEach(f -> broken.add(f.describe()));
        return broken.isEmpty() ? "" : "; " + broken.size() + " that failed to load might have: " + String.join("; ", broken);
    }

    private static Map<String, StoreOption<?>> byName(List<StoreOption<?>> declared, String requiredPrefix) {
        Map<String, StoreOption<?>> named = new LinkedHashMap<>();
        for (StoreOption<?> option : declared) {
            if (requiredPrefix != null && !option.name().startsWith(requiredPrefix)) {
                throw new IllegalStateException("option '" + option.name() + "' must be named " + requiredPrefix + "...");
            }
            if (named.putIfAbsent(option.name(), option) != null) {
                throw new IllegalStateException("option '" + option.name() + "' is declared twice");
            }
        }
        return Collections.unmodifiableMap(named);
    }

    /** Loads every implementation, recording those that fail instead of failing the others. */
    private <T> List<T> load(Class<T> type, ClassLoader context) {
        Map<String, T> found = new java.util.TreeMap<>();
        ClassLoader own = ProviderRegistry.class.getClassLoader();
        Set<String> failed = new HashSet<>();
        for (ClassLoader loader : new ClassLoader[] {context, own}) {
            if (loader == null) {
                continue;
            }
            Iterator<T> services = ServiceLoader.load(type, loader).iterator();
            // The iterator resumes after a broken entry; the bound only guards against one that would not.
            for (int errors = 0; errors < 1000; ) {
                try {
                    if (!services.hasNext()) {
                        break;
                    }
                    T service = services.next();
                    found.putIfAbsent(service.getClass().getName(), service);
                } catch (ServiceConfigurationError e) {
                    errors++;
                    String className = brokenClass(type, loader, e);
                    if (failed.add(className)) {
                        failures.add(new Failure(type.getName(), className, e));
                    }
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    /** Names the class a ServiceLoader error is about, from the service files, since the error only says it in words. */
    private static String brokenClass(Class<?> type, ClassLoader loader, ServiceConfigurationError e) {
        String message = String.valueOf(e.getMessage());
        String best = null;
        try {
            Enumeration<URL> files = loader.getResources("META-INF/services/" + type.getName());
            while (files.hasMoreElements()) {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(files.nextElement().openStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        String name = line.replaceAll("#.*", "").strip();
                        if (!name.isEmpty() && message.contains(name) && (best == null || name.length() > best.length())) {
                            best = name;
                        }
                    }
                }
            }
        } catch (IOException ignored) {
            // Fall back to the error's own words below.
        }
        return best != null ? best : "a " + type.getSimpleName() + " (" + Excerpt.of(message, Excerpt.URI) + ")";
    }
}
