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
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
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
 *
 * <p>Loading is as late as the question allows: opening one of this project's schemes loads only its
 * provider when nothing else could claim the scheme (see {@link #provider}), composers are loaded for
 * the first chain, and every provider for the first question about all of them (a listing, an
 * unknown scheme, a failure). A command-line run that opens one {@code file:} store then loads
 * neither Commons VFS nor the AWS SDK; each provider is still constructed at most once.
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

    private final ClassLoader loader;
    /** Each provider by class name, constructed once whether one open needed it or the whole list was loaded. */
    private final Map<String, StoreProvider> instances = new HashMap<>();
    /** Each provider's options by scheme, by name, worked out the first time that scheme is needed. */
    private final Map<StoreProvider, Map<String, Map<String, StoreOption<?>>>> options = new IdentityHashMap<>();
    /**
     * Why a provider loaded alone failed: a class whose static initialiser failed answers later
     * attempts with "could not initialize class", so the first error is the one that says what is missing.
     */
    private final Map<String, Throwable> failedAlone = new HashMap<>();
    /** The class names the service files list, read on the first open; null until then. */
    private Map<String, ClassLoader> listed;
    /** Every provider, loaded the first time a question needs all of them; null until then. */
    private Providers all;
    /** Every tier composer, loaded the first time a chain or a listing needs them; null until then. */
    private Composers chainComposers;

    /** Every provider that loaded, what it serves, and those that failed. */
    private record Providers(List<StoreProvider> usable, Map<String, List<StoreProvider>> byScheme,
            Map<String, StoreProvider> unavailable, List<Failure> failures) {
    }

    /** Every tier composer that loaded, their options, and those that failed. */
    private record Composers(List<TierComposer> usable, Map<String, StoreOption<?>> options, List<Failure> failures) {
    }

    private ProviderRegistry(ClassLoader loader) {
        this.loader = loader;
    }

    /** Loads every provider, each one's schemes and options; a provider that throws on any of them is a failure. */
    private synchronized Providers all() {
        if (all != null) {
            return all;
        }
        List<Failure> failures = new ArrayList<>();
        List<StoreProvider> usable = new ArrayList<>();
        Map<String, List<StoreProvider>> byScheme = new LinkedHashMap<>();
        Map<String, StoreProvider> unavailable = new LinkedHashMap<>();
        for (StoreProvider found : load(StoreProvider.class, failures)) {
            StoreProvider provider = instances.computeIfAbsent(found.getClass().getName(), name -> found);
            try {
                Set<String> schemes = new TreeSet<>();
                for (String scheme : provider.schemes()) {
                    String lower = scheme.toLowerCase(Locale.ROOT);
                    optionsOf(provider, lower);
                    schemes.add(lower);
                }
                Map<String, String> dormant = provider.unavailableSchemes();
                usable.add(provider);
                schemes.forEach(s -> byScheme.computeIfAbsent(s, k -> new ArrayList<>()).add(provider));
                dormant.keySet().forEach(s -> unavailable.putIfAbsent(s.toLowerCase(Locale.ROOT), provider));
            } catch (RuntimeException | LinkageError e) {
                failures.add(new Failure(StoreProvider.class.getName(), provider.getClass().getName(), e));
            }
        }
        warn(failures);
        all = new Providers(List.copyOf(usable), byScheme, unavailable, List.copyOf(failures));
        return all;
    }

    /** Loads every tier composer and its options; one that throws is a failure. */
    private synchronized Composers composers() {
        if (chainComposers != null) {
            return chainComposers;
        }
        List<Failure> failures = new ArrayList<>();
        List<TierComposer> usable = new ArrayList<>();
        Map<String, StoreOption<?>> composerOptions = new LinkedHashMap<>();
        for (TierComposer composer : load(TierComposer.class, failures)) {
            try {
                byName(composer.options(), TierComposer.OPTION_PREFIX).forEach(composerOptions::putIfAbsent);
                usable.add(composer);
            } catch (RuntimeException | LinkageError e) {
                failures.add(new Failure(TierComposer.class.getName(), composer.getClass().getName(), e));
            }
        }
        warn(failures);
        chainComposers = new Composers(List.copyOf(usable), Collections.unmodifiableMap(composerOptions), List.copyOf(failures));
        return chainComposers;
    }

    private static void warn(List<Failure> failures) {
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
        return all().usable();
    }

    /** @return every provider and composer that could not be used */
    public List<Failure> failures() {
        List<Failure> failures = new ArrayList<>(all().failures());
        failures.addAll(composers().failures());
        return Collections.unmodifiableList(failures);
    }

    /** @return every scheme some provider serves, sorted */
    public Set<String> schemes() {
        return Collections.unmodifiableSet(new TreeSet<>(all().byScheme().keySet()));
    }

    /**
     * @param provider a provider of {@link #providers()}, or one that {@link #provider} returned
     * @param scheme one of its schemes
     * @return its options for that scheme, by name, in declaration order
     */
    public synchronized Map<String, StoreOption<?>> options(StoreProvider provider, String scheme) {
        Map<String, Map<String, StoreOption<?>>> perScheme = options.get(provider);
        return perScheme == null ? Map.of() : perScheme.getOrDefault(scheme, Map.of());
    }

    /** @return the options a cache tier of a chain takes, by name (prefixed), in declaration order */
    public Map<String, StoreOption<?>> composerOptions() {
        return composers().options();
    }

    /**
     * Finds the provider of a scheme. When the scheme is one this project's catalog says a provider
     * always serves, and the service files list only this project's providers, no other provider can
     * claim it: then only that provider is loaded, so that opening {@code file:} does not start Commons
     * VFS or the AWS SDK. Anything else, including any error on that path, loads every provider.
     *
     * @param scheme a scheme in lower case
     * @param shown the URI that needs it, secrets redacted, for the message
     * @return the one provider that serves it
     * @throws StoreUriException when none or several do, saying what to add or remove
     * @throws KvException when the provider that serves it failed to load, naming it and why
     */
    public StoreProvider provider(String scheme, String shown) {
        StoreProvider alone = loadedAlone(scheme);
        return alone != null ? alone : providerAmongAll(scheme, shown);
    }

    /** @return the catalog's provider of the scheme, loaded by itself, or null when that is not safe or fails */
    private synchronized StoreProvider loadedAlone(String scheme) {
        if (all != null) {
            return null;
        }
        Optional<SchemeCatalog.Entry> entry = SchemeCatalog.lookup(scheme).filter(SchemeCatalog.Entry::alwaysServed);
        if (entry.isEmpty()) {
            return null;
        }
        if (listed == null) {
            listed = listedClasses(StoreProvider.class);
        }
        ClassLoader definer = listed.get(entry.get().provider());
        if (definer == null || !SchemeCatalog.providers().containsAll(listed.keySet())) {
            return null;
        }
        try {
            StoreProvider provider = instances.get(entry.get().provider());
            if (provider == null) {
                provider = Class.forName(entry.get().provider(), false, definer).asSubclass(StoreProvider.class)
                        .getConstructor().newInstance();
                instances.put(entry.get().provider(), provider);
            }
            optionsOf(provider, scheme);
            return provider;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // Loading every provider tries it again and reports it with the others, with this error.
            failedAlone.putIfAbsent(entry.get().provider(), e);
            return null;
        }
    }

    private StoreProvider providerAmongAll(String scheme, String shown) {
        Providers providers = all();
        List<StoreProvider> candidates = providers.byScheme().get(scheme);
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
        String available = "; available schemes: " + (providers.byScheme().isEmpty() ? "none" : String.join(", ", schemes()));
        StoreProvider dormant = providers.unavailable().get(scheme);
        if (dormant != null) {
            throw new StoreUriException("scheme " + quoted + " (in '" + shown + "') needs " + dormant.unavailableSchemes().get(scheme)
                    + " on the class path: " + dormant.getClass().getName() + dormant.artifact().map(a -> " (" + a + ")").orElse("")
                    + " serves it only with that library" + available);
        }
        var entry = SchemeCatalog.lookup(scheme);
        if (entry.isPresent()) {
            for (Failure failure : providers.failures()) {
                if (failure.className().equals(entry.get().provider())) {
                    throw new KvException("the store provider for scheme " + quoted + " (in '" + shown + "') failed to load: "
                            + failure.describe() + available);
                }
            }
            throw new StoreUriException("no store provider for scheme " + quoted + " (in '" + shown + "'); add "
                    + entry.get().artifact() + " to the class path" + available);
        }
        throw new StoreUriException("no store provider for scheme " + quoted + " (in '" + shown + "'); add the jar of a store"
                + " provider that serves it to the class path" + available + brokenOnes(providers.failures()));
    }

    /** @return the provider's options for the scheme, checked and kept the first time */
    private synchronized Map<String, StoreOption<?>> optionsOf(StoreProvider provider, String scheme) {
        Map<String, Map<String, StoreOption<?>>> perScheme = options.computeIfAbsent(provider, p -> new HashMap<>());
        Map<String, StoreOption<?>> named = perScheme.get(scheme);
        if (named == null) {
            named = byName(provider.options(scheme), null);
            perScheme.put(scheme, named);
        }
        return named;
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
        List<TierComposer> composers = composers().usable();
        if (composers.size() == 1) {
            return composers.get(0);
        }
        if (composers.size() > 1) {
            List<String> names = new ArrayList<>();
            composers.forEach(c -> names.add(c.getClass().getName()));
            throw new StoreUriException("tier chains found " + composers.size() + " tier composers: " + String.join(" and ", names)
                    + "; remove all but one from the class path (chain: " + chain + ")");
        }
        for (Failure failure : composers().failures()) {
            if (failure.className().equals(SchemeCatalog.COMPOSER.provider())) {
                throw new KvException("the tier composer failed to load: " + failure.describe() + " (chain: " + chain + ")");
            }
        }
        throw new StoreUriException("tier chains need a tier composer and none is on the class path; add "
                + SchemeCatalog.COMPOSER.artifact() + " (chain: " + chain + ")" + brokenOnes(composers().failures()));
    }

    private static String brokenOnes(List<Failure> failures) {
        List<String> broken = new ArrayList<>();
        failures.forEach(f -> broken.add(f.describe()));
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
    private <T> List<T> load(Class<T> type, List<Failure> failures) {
        Map<String, T> found = new TreeMap<>();
        Set<String> failed = new HashSet<>();
        for (ClassLoader each : loaders()) {
            Iterator<T> services = ServiceLoader.load(type, each).iterator();
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
                    String className = brokenClass(type, each, e);
                    if (failed.add(className)) {
                        failures.add(new Failure(type.getName(), className, failedAlone.getOrDefault(className, e)));
                    }
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    /** @return the registry's loader, then kv-api's own when it differs: where services are looked up */
    private List<ClassLoader> loaders() {
        ClassLoader own = ProviderRegistry.class.getClassLoader();
        return own == null || own == loader ? List.of(loader) : List.of(loader, own);
    }

    /** @return every class name the service files list, with the first loader that lists it; nothing is loaded */
    private Map<String, ClassLoader> listedClasses(Class<?> type) {
        Map<String, ClassLoader> names = new LinkedHashMap<>();
        for (ClassLoader each : loaders()) {
            listedIn(type, each).forEach(name -> names.putIfAbsent(name, each));
        }
        return names;
    }

    /** Names the class a ServiceLoader error is about, from the service files, since the error only says it in words. */
    private static String brokenClass(Class<?> type, ClassLoader loader, ServiceConfigurationError e) {
        String message = String.valueOf(e.getMessage());
        String best = null;
        for (String name : listedIn(type, loader)) {
            if (message.contains(name) && (best == null || name.length() > best.length())) {
                best = name;
            }
        }
        return best != null ? best : "a " + type.getSimpleName() + " (" + Excerpt.of(message, Excerpt.URI) + ")";
    }

    /** @return the class names in a loader's service files for the type, comments and blanks dropped; what it could read */
    private static List<String> listedIn(Class<?> type, ClassLoader loader) {
        List<String> names = new ArrayList<>();
        try {
            Enumeration<URL> files = loader.getResources("META-INF/services/" + type.getName());
            while (files.hasMoreElements()) {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(files.nextElement().openStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        int comment = line.indexOf('#');
                        String name = (comment < 0 ? line : line.substring(0, comment)).strip();
                        if (!name.isEmpty()) {
                            names.add(name);
                        }
                    }
                }
            }
        } catch (IOException unreadable) {
            // What was read is all there is to go on: the callers then fall back to ServiceLoader's own errors.
        }
        return names;
    }
}
