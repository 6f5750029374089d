package org.kvcaches.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The root {@code kv} command: global options and the list of commands. */
@Command(name = "kv",
        mixinStandardHelpOptions = true,
        versionProvider = KvCommand.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "One command for every key-value store: look into it, copy keys between stores, measure a tier chain.",
            "",
            "The store is --store URI, else the KV_STORE environment variable, else file:kv-data (a folder kv-data in the"
                + " current directory, created when missing). A URI names one store (mem:, file:data, redis://host:6379/0,"
                + " ...) or a tier chain, fastest first: 'heap://?maxBytes=64MiB | file:data'. Commands take --store too.",
            ""},
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExit codes: 0 ok, 1 key not found, 2 usage error (option, key or URI), 3 store error.%n%nExamples:%n",
        footer = {
            "  echo hello | kv put greeting             store standard input under 'greeting'",
            "  kv cat greeting                          print it",
            "  kv ls -l                                 list every key with its size",
            "  kv --store redis://localhost:6379/0 ls   list the keys of a Redis database",
            "  kv sync file:kv-data redis://localhost:6379/0 --delete",
            "  kv bench --store 'heap://?maxBytes=64MiB | file:kv-data' --duration 20s",
            "  kv help bench                            the options of one command"})
final class KvCommand implements Callable<Integer> {
    /** The embedded default: a folder next to where the user runs {@code kv}, so no server is needed. */
    static final String DEFAULT_STORE = "file:kv-data";
    static final String STORE_VARIABLE = "KV_STORE";

    /**
     * The commands by the name they are typed as, in the order help lists them. Not in the
     * {@code @Command} annotation: picocli would then build the model of every command for each run,
     * which costs a one-shot command more than its own work; {@link Kv} adds only the one it needs.
     */
    static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("put", PutCommand.class);
        commands.put("get", GetCommand.class);
        commands.put("cat", CatCommand.class);
        commands.put("rm", RmCommand.class);
        commands.put("ls", LsCommand.class);
        commands.put("cp", CpCommand.class);
        commands.put("mv", MvCommand.class);
        commands.put("sync", SyncCommand.class);
        commands.put("info", InfoCommand.class);
        commands.put("stats", StatsCommand.class);
        commands.put("bench", BenchCommand.class);
        commands.put("help", CommandLine.HelpCommand.class);
        return Collections.unmodifiableMap(commands);
    }

    final Environment environment;

    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "URI",
            description = "The store or tier chain (default: $KV_STORE, else " + DEFAULT_STORE + ").")
    String store;

    @Option(names = "--verbose", description = "Print the stack trace of an error.")
    boolean verbose;

    KvCommand(Environment environment) {
        this.environment = environment;
    }

    /** Without a command there is nothing to do: show what there is, and say it was a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(environment.err());
        return Kv.USAGE;
    }

    /**
     * @param given the command's own {@code --store}, or null
     * @return the URI to open: the command's, the global option's, {@code KV_STORE}'s, or the default
     */
    String storeUri(String given) {
        if (given != null) {
            return given;
        }
        if (store != null) {
            return store;
        }
        String fromEnvironment = environment.variables().get(STORE_VARIABLE);
        return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment.strip() : DEFAULT_STORE;
    }

    /** The version of the packaged jar (its manifest), or a plain note when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Kv.class.getPackage().getImplementationVersion();
            return new String[] {"kv " + (version != null ? version : "(development build, not from the packaged jar)"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
