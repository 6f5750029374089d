package org.kvcaches.tck.fault;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Another JVM, running a main class with this JVM's class path, that a test talks to line by line:
 * it {@linkplain #send sends} a command line to the child's standard input and
 * {@linkplain #awaitLine awaits} a reply line on its standard output, with a timeout. The child's
 * standard error is captured and shown in every failure message. {@link #kill()} is a SIGKILL, for
 * tests of crashes; {@link #close()} asks the child to end (its standard input closes) and kills it
 * if it has not ended within {@link #GRACE}.
 *
 * <pre>{@code
 * try (ChildJvm writer = ChildJvm.start(MyWriterMain.class, List.of("-Xmx64m"))) {
 *     writer.send("put big");                                        // the child starts writing
 *     writer.awaitLine(line -> line.startsWith("progress "), Duration.ofSeconds(30));
 *     writer.kill();                                                 // SIGKILL mid-write
 * }
 * }</pre>
 *
 * <p>A child's main reads commands from {@code System.in} and answers on {@code System.out} (other
 * output there, such as a log line, is seen as a line too: {@link #awaitLine(Predicate, Duration)}
 * skips lines that do not match); it should exit when its standard input ends. No child outlives the
 * test: every child still running when this JVM exits is killed by a shutdown hook, and every child
 * halts by itself as soon as this JVM is gone, even after a SIGKILL that runs no hook (the child
 * watches its parent process).
 *
 * <p>Safe for use by several threads; lines are consumed by whichever thread awaits them.
 */
public final class ChildJvm implements AutoCloseable {
    /** How long {@link #close()} waits for a child to end by itself before it kills it. */
    public static final Duration GRACE = Duration.ofSeconds(10);
    /** How much of the child's standard error, and how many of its last output lines, failure messages show. */
    private static final int STDERR_TAIL_CHARS = 16 << 10;
    private static final int OUTPUT_TAIL_LINES = 20;
    /** Marks the end of the child's standard output in the line queue. */
    private static final String END = new String("end of output");

    private static final Set<ChildJvm> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(child -> child.process.destroyForcibly()),
                "kv-tck-child-jvm-reaper"));
    }

    private final String mainClass;
    private final Process process;
    private final Writer stdin;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    /** The last lines handed out, for failure messages; guarded by itself. */
    private final Deque<String> seen = new ArrayDeque<>();
    /** The tail of the child's standard error; guarded by itself. */
    private final StringBuilder stderr = new StringBuilder();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private ChildJvm(String mainClass, Process process) {
        this.mainClass = mainClass;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.stdoutReader = new Thread(this::readStdout, "kv-tck-child-" + process.pid() + "-out");
        this.stderrReader = new Thread(this::readStderr, "kv-tck-child-" + process.pid() + "-err");
        stdoutReader.setDaemon(true);
        stderrReader.setDaemon(true);
    }

    /**
     * Starts a JVM running a main class, with this JVM's class path ({@code java.class.path}) and the
     * same {@code java} executable.
     *
     * @param mainClass the class whose {@code public static void main(String[])} runs
     * @param jvmOptions options for the child JVM, such as {@code -Xmx64m} or {@code -Dname=value}
     * @param args the main method's arguments; keep secrets out of them (a process's command line
     *     is visible to every user of the machine) and send them as a line instead
     * @return the running child; the caller closes it
     * @throws UncheckedIOException when the JVM cannot be started
     */
    public static ChildJvm start(Class<?> mainClass, List<String> jvmOptions, String... args) {
        return start(mainClass.getName(), jvmOptions, List.of(args));
    }

    /**
     * Starts a JVM running a main class, with this JVM's class path ({@code java.class.path}) and the
     * same {@code java} executable.
     *
     * @param mainClass the binary name of the class whose {@code public static void main(String[])} runs
     * @param jvmOptions options for the child JVM
     * @param args the main method's arguments
     * @return the running child; the caller closes it
     * @throws UncheckedIOException when the JVM cannot be started
     */
    public static ChildJvm start(String mainClass, List<String> jvmOptions, List<String> args) {
        Objects.requireNonNull(mainClass, "mainClass");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(OrphanGuard.class.getName());
        command.add(mainClass);
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM for " + mainClass + ": " + e.getMessage(), e);
        }
        ChildJvm child = new ChildJvm(mainClass, process);
        RUNNING.add(child);
        process.onExit().thenRun(() -> RUNNING.remove(child));
        child.stdoutReader.start();
        child.stderrReader.start();
        return child;
    }

    /** @return the child's process id */
    public long pid() {
        return process.pid();
    }

    /** @return whether the child is running */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends one line to the child's standard input.
     *
     * @param line the line, without a line break
     * @throws AssertionError when the child no longer reads its input (it ended)
     */
    public void send(String line) {
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a command is one line; it must not contain a line break");
        }
        synchronized (stdin) {
            try {
                stdin.write(line);
                stdin.write('\n');
                stdin.flush();
            } catch (IOException e) {
                throw new AssertionError("cannot send a command to " + this + " (" + e.getMessage() + ")" + details(), e);
            }
        }
    }

    /**
     * Waits for the next line the child writes to its standard output.
     *
     * @param timeout the longest wait
     * @return the line, without its line break
     * @throws AssertionError when no line comes within the timeout or the child's output ends
     */
    public String awaitLine(Duration timeout) {
        return awaitLine(line -> true, timeout);
    }

    /**
     * Waits for a line of the child's standard output that matches, skipping (and remembering for
     * failure messages) the lines before it that do not.
     *
     * @param matching which line is awaited
     * @param timeout the longest wait, for all lines together
     * @return the matching line
     * @throws AssertionError when no matching line comes within the timeout or the child's output ends
     */
    public String awaitLine(Predicate<String> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line;
            try {
                line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for a line from " + this, e);
            }
            if (line == null) {
                throw new AssertionError("no awaited line from " + this + " within " + timeout + details());
            }
            if (line == END) {
                lines.add(END);
                awaitExit(Duration.ofSeconds(5));
                throw new AssertionError(this + " ended its output before the awaited line" + details());
            }
            remember(line);
            if (matching.test(line)) {
                return line;
            }
        }
    }

    /**
     * Sends a command and waits for the next line of output, its reply.
     *
     * @param command the command line
     * @param timeout the longest wait for the reply
     * @return the reply line
     * @throws AssertionError when the command cannot be sent or no reply comes in time
     */
    public String request(String command, Duration timeout) {
        send(command);
        return awaitLine(timeout);
    }

    /**
     * Waits for the child to end by itself.
     *
     * @param timeout the longest wait
     * @return its exit code, or empty when it still runs after the timeout
     */
    public Optional<Integer> awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS) ? Optional.of(process.exitValue()) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + this + " to end", e);
        }
    }

    /**
     * Kills the child at once with SIGKILL (nothing in it runs afterwards: no shutdown hook, no
     * {@code finally}) and waits until it is gone.
     *
     * @return its exit code (137 on Linux, 128 + SIGKILL), or the code it had already ended with
     */
    public int kill() {
        process.destroyForcibly();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while killing " + this, e);
        }
    }

    /** @return what the child has written to its standard error so far (the last 16 KiB) */
    public String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    /**
     * Ends the child: closes its standard input, waits up to {@link #GRACE} for it to exit, then
     * kills it. Idempotent.
     */
    @Override
    public void close() {
        synchronized (stdin) {
            try {
                stdin.close();
            } catch (IOException e) {
                // the child already closed its end: it is ending or gone
            }
        }
        if (awaitExit(GRACE).isEmpty()) {
            kill();
        }
        try {
            stdoutReader.join(TimeUnit.SECONDS.toMillis(5));
            stderrReader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "child JVM " + process.pid() + " (" + mainClass + (process.isAlive() ? ", running" : ", exited " + process.exitValue()) + ")";
    }

    // ---- internals -----------------------------------------------------------------------------

    private void remember(String line) {
        synchronized (seen) {
            seen.addLast(line);
            if (seen.size() > OUTPUT_TAIL_LINES) {
                seen.removeFirst();
            }
        }
    }

    private String details() {
        StringBuilder text = new StringBuilder();
        synchronized (seen) {
            text.append("\n  last output lines: ").append(seen.isEmpty() ? "(none)" : String.join(" | ", seen));
        }
        String err = stderr();
        text.append("\n  stderr: ").append(err.isBlank() ? "(empty)" : err.strip());
        return text.toString();
    }

    private void readStdout() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the pipe broke because the child died: the end of its output, as below
        } finally {
            lines.add(END);
        }
    }

    private void readStderr() {
        char[] buffer = new char[4096];
        try (Reader in = new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (stderr) {
                    stderr.append(buffer, 0, n);
                    if (stderr.length() > STDERR_TAIL_CHARS) {
                        stderr.delete(0, stderr.length() - STDERR_TAIL_CHARS);
                    }
                }
            }
        } catch (IOException e) {
            // the pipe broke because the child died: what was read is kept
        }
    }
}
