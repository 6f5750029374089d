package org.kvcaches.fs;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A separate JVM running a main class of these tests on the test class path; output and errors merged. */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BufferedReader output;

    private ChildJvm(Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
    }

    static ChildJvm start(List<String> jvmOptions, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** @return the next line the child printed, or {@code null} when it ended */
    String readLine() throws IOException {
        return output.readLine();
    }

    /** Reads lines until one starts with {@code start}; fails with everything read when the child ends first. */
    String awaitLine(String start) throws IOException {
        StringBuilder seen = new StringBuilder();
        for (String line; (line = readLine()) != null; ) {
            if (line.startsWith(start)) {
                return line;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the child JVM ended without printing '" + start + "'; it printed:\n" + seen);
    }

    /** Kills the child with SIGKILL, as a crash or an out-of-memory killer would, and waits for it to end. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }
}
