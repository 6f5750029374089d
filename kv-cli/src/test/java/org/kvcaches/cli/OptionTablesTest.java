package org.kvcaches.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kvcaches.api.internal.ProviderRegistry;
import org.kvcaches.api.spi.StoreOption;
import org.kvcaches.api.spi.StoreProvider;

/**
 * The option table of each module's README is the one its descriptors give, so documentation cannot
 * drift from code. A table follows the line {@code <!-- options of ClassName -->}; when this test
 * fails, its message holds the table to paste.
 */
class OptionTablesTest {
    /** kv-cli's tests run in kv-cli/, next to the other modules. */
    private static final Path ROOT = Path.of("..");

    static Stream<String> providersWithOptions() {
        return ProviderRegistry.current().providers().stream()
                .filter(p -> p.schemes().stream().anyMatch(s -> !p.options(s).isEmpty())).map(p -> p.getClass().getName());
    }

    @ParameterizedTest
    @MethodSource("providersWithOptions")
    void theReadmeTableOfEachProviderMatchesItsDescriptors(String className) throws IOException {
        StoreProvider provider = ProviderRegistry.current().providers().stream()
                .filter(p -> p.getClass().getName().equals(className)).findFirst().orElseThrow();
        String module = provider.artifact().orElseThrow().replace("org.kvcaches:", "");
        assertTable(ROOT.resolve(module).resolve("README.md"), provider.getClass().getSimpleName(), table(provider));
    }

    @Test
    void theKvCacheReadmeTableOfChainOptionsMatchesTheComposersDescriptors() throws IOException {
        List<String> rows = new ArrayList<>();
        rows.add("| option | type | default | meaning |");
        rows.add("|---|---|---|---|");
        ProviderRegistry.current().composerOptions().values().forEach(o -> rows.add(row(o, null)));
        assertTable(ROOT.resolve("kv-cache/README.md"), "TierChainComposer", String.join("\n", rows));
    }

    private static String table(StoreProvider provider) {
        ProviderRegistry registry = ProviderRegistry.current();
        TreeSet<String> schemes = new TreeSet<>(provider.schemes());
        Map<String, StoreOption<?>> options = new LinkedHashMap<>();
        Map<String, List<String>> schemesOf = new LinkedHashMap<>();
        for (String scheme : schemes) {
            for (StoreOption<?> option : registry.options(provider, scheme).values()) {
                options.putIfAbsent(option.name(), option);
                schemesOf.computeIfAbsent(option.name(), n -> new ArrayList<>()).add(scheme);
            }
        }
        boolean perScheme = schemesOf.values().stream().anyMatch(s -> s.size() < schemes.size());
        List<String> rows = new ArrayList<>();
        rows.add(perScheme ? "| option | schemes | type | default | meaning |" : "| option | type | default | meaning |");
        rows.add(perScheme ? "|---|---|---|---|---|" : "|---|---|---|---|");
        for (StoreOption<?> option : options.values()) {
            List<String> on = schemesOf.get(option.name());
            String schemeCell = on.size() == schemes.size() ? "all" : String.join(", ", on.stream().map(s -> "`" + s + ":`").toList());
            rows.add(row(option, perScheme ? schemeCell : null));
        }
        return String.join("\n", rows);
    }

    private static String row(StoreOption<?> option, String schemes) {
        String dflt = option.defaultValue().isPresent() ? "`" + option.defaultText() + "`" : option.defaultText();
        String type = option.typeText() + (option.isSecret() ? ", secret" : "");
        return "| `" + option.name() + "` | " + (schemes == null ? "" : schemes + " | ") + cell(type) + " | " + cell(dflt) + " | "
                + cell(option.help()) + " |";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static void assertTable(Path readme, String owner, String expected) throws IOException {
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        String marker = "<!-- options of " + owner + " -->";
        int at = lines.indexOf(marker);
        assertTrue(at >= 0, readme + " lacks the line " + marker + " followed by its option table:\n" + marker + "\n" + expected);
        List<String> table = new ArrayList<>();
        for (int i = at + 1; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            table.add(lines.get(i));
        }
        assertEquals(expected, String.join("\n", table), readme + ": the option table after " + marker
                + " disagrees with the descriptors; it should read:\n" + expected + "\n");
    }
}
