package org.kvcaches.tck.fault;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The main of the child JVMs of {@link ChildJvmTest}: answers one command per line, exits when its
 * input ends.
 */
final class ScriptedChild {
    private ScriptedChild() {
    }

    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
        System.out.println("ready " + String.join(",", args));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] command = line.split(" ", 2);
            String argument = command.length > 1 ? command[1] : "";
            switch (command[0]) {
                case "echo" -> System.out.println(argument);
                case "property" -> System.out.println(System.getProperty(argument));
                case "noise" -> System.out.println("a log line, not an answer");
                case "stderr" -> System.err.println(argument);
                case "silence" -> {
                    // answers nothing
                }
                case "exit" -> System.exit(Integer.parseInt(argument));
                case "pid" -> System.out.println(ProcessHandle.current().pid());
                case "spawn" -> {
                    // A grandchild, to check that no child outlives its parent.
                    ChildJvm grandchild = ChildJvm.start(ScriptedChild.class, List.of("-Xmx32m"));
                    grandchild.awaitLine(java.time.Duration.ofSeconds(60));
                    System.out.println(grandchild.pid());
                }
                default -> System.out.println("unknown command " + command[0]);
            }
        }
        System.out.println("input ended");
    }
}
