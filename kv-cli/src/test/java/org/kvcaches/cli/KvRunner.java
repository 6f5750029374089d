package org.kvcaches.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code kv} commands in this JVM with captured streams, as a shell would see them. */
final class KvRunner {
    private final Map<String, String> variables = new HashMap<>();
    private byte[] stdin = new byte[0];
    private boolean terminal;

    /** What a command left behind: its exit code and the bytes of its output streams. */
    record Result(int code, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out() + "\n--- stderr\n" + stderr;
        }
    }

    KvRunner stdin(byte[] bytes) {
        stdin = bytes.clone();
        return this;
    }

    KvRunner stdin(String text) {
        return stdin(text.getBytes(StandardCharsets.UTF_8));
    }

    KvRunner variable(String name, String value) {
        variables.put(name, value);
        return this;
    }

    KvRunner terminal(boolean isTerminal) {
        terminal = isTerminal;
        return this;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Kv.run(new Environment(new ByteArrayInputStream(stdin), o, e, Map.copyOf(variables), terminal), args);
        }
        return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs with no input, no variables and no terminal. */
    static Result kv(String... args) {
        return new KvRunner().run(args);
    }
}
