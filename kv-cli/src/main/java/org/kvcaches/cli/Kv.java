package org.kvcaches.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import picocli.CommandLine;

/**
 * The {@code kv} command: look into any store, copy keys between stores, and measure a store or a
 * tier chain. {@code java -jar kv.jar --help} lists the commands; the exit code is 0 on success, 1
 * when a key was not found, 2 for a usage error (bad option, key or URI) and 3 when the store failed.
 */
public final class Kv {
    static final int OK = 0;
    static final int NOT_FOUND = 1;
    static final int USAGE = 2;
    static final int STORE_ERROR = 3;

    private Kv() {
    }

    /**
     * Runs one command and exits with its exit code.
     *
     * @param args the command line, e.g. {@code ls -l users/}
     */
    public static void main(String[] args) {
        configureLogging();
        int code = run(Environment.system(), args);
        System.out.flush();
        System.exit(code);
    }

    /**
     * Runs one command in this JVM.
     *
     * @param environment the streams and variables the command uses
     * @param args the command line
     * @return the exit code
     */
    static int run(Environment environment, String... args) {
        return commandLine(environment, args).execute(args);
    }

    /**
     * @param environment the streams and variables the commands use
     * @param args the command line it will run: when it plainly names one command, only that one is
     *     added, since building picocli's model of all of them is most of a short command's start-up
     * @return the {@code kv} command line
     */
    static CommandLine commandLine(Environment environment, String... args) {
        ErrorReporter errors = new ErrorReporter(environment);
        CommandLine commandLine = new CommandLine(new KvCommand(environment));
        Class<?> named = KvCommand.COMMANDS.get(commandName(args));
        for (Class<?> command : named != null ? List.of(named) : KvCommand.COMMANDS.values()) {
            commandLine.addSubcommand(command);
        }
        commandLine.setOut(new PrintWriter(environment.out(), true));
        commandLine.setErr(new PrintWriter(environment.err(), true));
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setUsageHelpAutoWidth(true);
        return commandLine;
    }

    /**
     * The command a line names when nothing before it but {@code --store} and {@code --verbose} could
     * need the others: {@code kv --help}, {@code kv help cat}, an argument file or a typo (whose
     * suggestions list the near commands) all get every command.
     *
     * @param args the command line
     * @return the command's name, or null when every command is needed
     */
    static String commandName(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--store")) {
                i++;
            } else if (!arg.startsWith("--store=") && !arg.equals("--verbose")) {
                return arg.equals("help") ? null : arg;
            }
        }
        return null;
    }

    /**
     * Libraries log through java.util.logging (Jedis via slf4j-jdk14, the cache decorator via
     * System.Logger). Their default two-line records would drown a command's output, so warnings and
     * worse are printed on one line each and the rest is dropped.
     */
    static void configureLogging() {
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.WARNING);
        handler.setFormatter(new SimpleFormatter() {
            @Override
            public String format(LogRecord record) {
                return "kv: " + record.getLevel().getName().toLowerCase(java.util.Locale.ROOT) + ": "
                        + org.kvcaches.api.spi.StoreUri.redact(formatMessage(record)) + System.lineSeparator();
            }
        });
        root.addHandler(handler);
    }
}
