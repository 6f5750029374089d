package org.kvcaches.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A command line that plainly names one command gets only that command's picocli model (building
 * all of them is most of a short command's start); help, typos and argument files get every command.
 */
class CommandSelectionTest {
    private final Environment environment = new Environment(new ByteArrayInputStream(new byte[0]),
            new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()), Map.of(), false);

    @Test
    void eachCommandIsListedUnderTheNameItsAnnotationGives() {
        KvCommand.COMMANDS.forEach((name, type) -> assertEquals(name, new CommandLine(type).getCommandName()));
    }

    @Test
    void aCommandLineThatNamesACommandBuildsThatCommandAlone() {
        assertEquals(List.of("cat"), commands("cat", "k"));
        assertEquals(List.of("ls"), commands("--store", "cat", "--verbose", "ls"));
        assertEquals(List.of("get"), commands("--store=mem:", "get", "k"));
    }

    @Test
    void helpVersionTyposAndArgumentFilesGetEveryCommand() {
        List<String> every = List.copyOf(KvCommand.COMMANDS.keySet());
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "cat"}, {"-V"}, {"cta", "k"}, {"@arguments"}, {"--", "cat"}}) {
            assertEquals(every, commands(args), String.join(" ", args));
        }
    }

    private List<String> commands(String... args) {
        return List.copyOf(Kv.commandLine(environment, args).getSubcommands().keySet());
    }
}
