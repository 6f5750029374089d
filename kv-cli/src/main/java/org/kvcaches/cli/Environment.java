package org.kvcaches.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * What a run of {@code kv} talks to: standard streams, environment variables, and whether standard
 * error is a terminal (for progress bars). Tests pass their own, so commands never touch
 * {@link System} directly.
 *
 * @param in standard input, for {@code put KEY -}
 * @param out standard output; values are written here as raw bytes
 * @param err standard error: messages and progress
 * @param variables environment variables ({@code KV_STORE})
 * @param terminal whether a person watches the output, so a progress bar may redraw in place
 */
record Environment(InputStream in, PrintStream out, PrintStream err, Map<String, String> variables, boolean terminal) {

    /** @return the process's own streams and environment */
    static Environment system() {
        return new Environment(System.in, System.out, System.err, System.getenv(), isTerminal());
    }

    /**
     * {@code System.console()} is non-null only when both standard streams are a terminal on JDK 17;
     * from JDK 22 it may be non-null on a pipe too, and {@code Console.isTerminal()} tells the truth.
     */
    private static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
