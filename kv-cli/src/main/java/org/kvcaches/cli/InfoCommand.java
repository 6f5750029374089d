package org.kvcaches.cli;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.internal.ProviderRegistry;
import org.kvcaches.api.spi.StoreOption;
import org.kvcaches.api.spi.StoreProvider;
import org.kvcaches.api.spi.TierComposer;
import org.kvcaches.cache.CacheDecorator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kv info}: what the URI resolved to, what it can do, and which providers are installed. */
@Command(name = "info",
        description = {"Show the store: its tiers, capabilities and the installed providers.",
            "Opens the store and shows what it is: each tier of a chain, the capabilities of the store and of each tier,"
                + " every store provider on the class path with its schemes and version, and every provider that failed to"
                + " load with why. With --options, opens nothing and lists every option of every installed scheme, and the"
                + " cache. options of a chain's cache tiers. Passwords are never shown."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  kv info",
            "  kv info --store 'heap://?maxBytes=64MiB | redis://:secret@cache:6379/0?prefix=app-cache: | file:/data'",
            "  kv info --options"})
final class InfoCommand extends StoreCommand {
    @Option(names = "--options", description = "List every option of every installed scheme (name, type, default, meaning) and open nothing.")
    boolean options;

    @Override
    Integer runWithoutStore() {
        if (!options) {
            return null;
        }
        PrintStream out = environment().out();
        ProviderRegistry registry = ProviderRegistry.current();
        for (StoreProvider provider : registry.providers()) {
            for (Map.Entry<Collection<StoreOption<?>>, List<String>> group : schemesByOptions(registry, provider).entrySet()) {
                out.println(String.join(", ", group.getValue().stream().map(s -> s + ":").toList()) + "  ("
                        + provider.getClass().getName() + provider.artifact().map(a -> ", " + a).orElse("") + ")");
                printOptions(out, group.getKey());
            }
        }
        if (!registry.composerOptions().isEmpty()) {
            out.println("cache tiers of a chain (options named " + TierComposer.OPTION_PREFIX + "*, for the cache each tier forms with the tiers below)");
            printOptions(out, registry.composerOptions().values());
        }
        printFailures(out, registry);
        out.flush();
        return Kv.OK;
    }

    /** Groups a provider's schemes that take the same options, so that file: and ram:, tmp: each get one table. */
    private static Map<Collection<StoreOption<?>>, List<String>> schemesByOptions(ProviderRegistry registry, StoreProvider provider) {
        Map<Collection<StoreOption<?>>, List<String>> groups = new LinkedHashMap<>();
        for (String scheme : new TreeSet<>(provider.schemes())) {
            groups.computeIfAbsent(List.copyOf(registry.options(provider, scheme).values()), o -> new ArrayList<>()).add(scheme);
        }
        return groups;
    }

    private static void printOptions(PrintStream out, Collection<StoreOption<?>> options) {
        if (options.isEmpty()) {
            out.println("  (no options)");
            return;
        }
        int name = "option".length();
        int type = "type".length();
        int dflt = "default".length();
        for (StoreOption<?> option : options) {
            name = Math.max(name, option.name().length());
            type = Math.max(type, typeText(option).length());
            dflt = Math.max(dflt, option.defaultText().length());
        }
        String row = "  %-" + name + "s  %-" + type + "s  %-" + dflt + "s  %s%n";
        out.printf(row, "option", "type", "default", "meaning");
        for (StoreOption<?> option : options) {
            out.printf(row, option.name(), typeText(option), option.defaultText(), option.help());
        }
    }

    private static String typeText(StoreOption<?> option) {
        return option.typeText() + (option.isSecret() ? " (secret)" : "");
    }

    private static void printFailures(PrintStream out, ProviderRegistry registry) {
        if (registry.failures().isEmpty()) {
            return;
        }
        out.println("broken providers (skipped; the other schemes work)");
        for (ProviderRegistry.Failure failure : registry.failures()) {
            out.println("  " + failure.describe());
        }
    }

    @Override
    int run(KeyValueStore kvStore) {
        PrintStream out = environment().out();
        out.println("store         " + kvStore);
        out.println("capabilities  " + names(kvStore.capabilities().stream().map(Capability::name).collect(Collectors.toList())));
        Tiers chain = new Tiers(kvStore);
        List<KeyValueStore> tiers = chain.stores();
        if (tiers.size() > 1) {
            out.println("tiers");
            for (int i = 0; i < tiers.size(); i++) {
                KeyValueStore tier = tiers.get(i);
                boolean cache = i < tiers.size() - 1;
                String role = !cache ? "  (authoritative)"
                        : "  (cache; " + chain.staleness(i).propagation().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                        + ", fills " + (chain.consistency(i) == CacheDecorator.Consistency.ARBITRATED ? "arbitrated" : "unleased")
                        + ", breaker " + chain.breakerState(i).name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ")";
                out.printf("  %d  %s%s%n     capabilities  %s%n", i + 1, tier, role,
                        names(tier.capabilities().stream().map(Capability::name).collect(Collectors.toList())));
                if (cache) {
                    out.printf("     staleness     %s%n", chain.staleness(i));
                }
            }
        }
        out.println("providers");
        ProviderRegistry registry = ProviderRegistry.current();
        for (StoreProvider provider : registry.providers()) {
            out.printf("  %-24s %s  %s%n", String.join(", ", new TreeSet<>(provider.schemes())), provider.getClass().getName(), version(provider.getClass()));
            if (!provider.unavailableSchemes().isEmpty()) {
                Map<String, List<String>> byLibrary = new LinkedHashMap<>();
                provider.unavailableSchemes().forEach((scheme, library) -> byLibrary.computeIfAbsent(library, l -> new ArrayList<>()).add(scheme));
                List<String> needs = new ArrayList<>();
                byLibrary.forEach((library, schemes) -> needs.add(String.join(", ", schemes) + " with " + library));
                out.printf("  %-24s also serves %s%n", "", String.join("; ", needs));
            }
        }
        printFailures(out, registry);
        out.flush();
        return Kv.OK;
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    /** The jar manifest's Implementation-Version, else the jar the class came from (whose name usually carries it). */
    private static String version(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        if (version != null) {
            return version;
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "(version unknown)";
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            return "(version unknown; from " + (java.nio.file.Files.isDirectory(location) ? location : location.getFileName()) + ")";
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "(version unknown)";
        }
    }
}
