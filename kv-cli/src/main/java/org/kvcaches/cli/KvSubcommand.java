package org.kvcaches.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every {@code kv} command has: {@code --help}, {@code --verbose} and the environment. */
abstract class KvSubcommand implements Callable<Integer> {
    @ParentCommand
    KvCommand kv;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--verbose", description = "Print the stack trace of an error.")
    boolean verbose;

    Environment environment() {
        return kv.environment;
    }

    boolean verbose() {
        return verbose || kv.verbose;
    }

    /** @return a usage error (exit code 2) for this command */
    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
