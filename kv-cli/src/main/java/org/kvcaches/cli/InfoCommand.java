package org.kvcaches.cli;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.cache.CacheDecorator;
import org.kvcaches.api.spi.StoreProvider;
import picocli.CommandLine.Command;

/** {@code kv info}: what the URI resolved to, what it can do, and which providers are installed. */
@Command(name = "info",
        description = {"Show the store: its tiers, capabilities and the installed providers.",
            "Opens the store and shows what it is: each tier of a chain, the capabilities of the store and of each tier,"
                + " and every store provider on the class path with its schemes and version. Passwords are never shown."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  kv info",
            "  kv info --store 'heap://?maxBytes=64MiB | redis://:secret@cache:6379/0 | file:/data'"})
final class InfoCommand extends StoreCommand {

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
                String role = i == tiers.size() - 1 ? "  (authoritative)"
                        : chain.consistency(i) == CacheDecorator.Consistency.ARBITRATED ? "  (cache; fills arbitrated)"
                        : "  (cache; fills unleased, entries age-bounded)";
                out.printf("  %d  %s%s%n     capabilities  %s%n", i + 1, tier, role,
                        names(tier.capabilities().stream().map(Capability::name).collect(Collectors.toList())));
            }
        }
        out.println("providers");
        List<StoreProvider> providers = ServiceLoader.load(StoreProvider.class).stream().map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(p -> p.getClass().getName())).collect(Collectors.toList());
        for (StoreProvider provider : providers) {
            out.printf("  %-24s %s  %s%n", String.join(", ", new TreeSet<>(provider.schemes())), provider.getClass().getName(), version(provider.getClass()));
        }
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
