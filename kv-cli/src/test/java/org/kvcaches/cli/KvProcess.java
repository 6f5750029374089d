package org.kvcaches.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code kv} as its own JVM, the way a shell would, and keeps what it left behind. */
final class KvProcess {
    private KvProcess() {
    }

    /** What a finished process left behind. */
    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /**
     * @param javaArgs what follows {@code java}: {@code -jar kv.jar} or {@code -cp ... org.kvcaches.cli.Kv}
     * @param args kv's arguments
     * @param workingDirectory where it runs; its output goes to files next to it
     * @param stdin what it reads
     * @return its exit code and output, once it finished (within 120 s)
     */
    static Run run(List<String> javaArgs, List<String> args, Path workingDirectory, String stdin) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaArgs);
        command.addAll(args);
        return run(command, Map.of(), workingDirectory, stdin);
    }

    /**
     * @param command the program and its arguments, such as the {@code kv} script's
     * @param variables environment variables to set on top of this process's (without {@code KV_STORE})
     * @param workingDirectory where it runs; its output goes to files next to it
     * @param stdin what it reads
     * @return its exit code and output, once it finished (within 120 s)
     */
    static Run run(List<String> command, Map<String, String> variables, Path workingDirectory, String stdin)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(workingDirectory.getParent(), "kv-out", ".txt");
        Path err = Files.createTempFile(workingDirectory.getParent(), "kv-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("KV_STORE");
        builder.environment().putAll(variables);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " did not finish in 120 s");
        Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return run;
    }
}
