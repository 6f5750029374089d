package org.kvcaches.testservers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Where a fixture gets its server, in this order: the address named by an environment variable; a
 * server started on this machine (a binary on the {@code PATH}, or one inside the JVM); a Testcontainers
 * container when a Docker engine answers. {@value #MODE} narrows the order: {@code local} never starts
 * a container; {@code containers} starts one instead of a local server wherever a kind has a container
 * (to run the suite on LocalStack and a Redis container, for example); {@code auto}, the default, takes
 * the first that can be had. When none can, the test is skipped with a reason that says what to install
 * or set under {@code auto}, and fails under an explicit mode.
 *
 * <p>The decision is a pure function of the facts passed in, so that it can be tested without the
 * servers; the fixtures pass {@link System#getenv()}, {@link #onPath(String)} and a Docker probe that
 * runs only when the choice gets that far.
 */
public final class ServerSelection {
    /** The environment variable that narrows where servers come from: {@code auto}, {@code local} or {@code containers}. */
    public static final String MODE = "KV_TEST_SERVERS";
    /** What was printed already: each test class asks again, and one line per choice is enough. */
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private ServerSelection() {
    }

    /** Where a server comes from. */
    public enum Source {
        /** The address in the kind's environment variable. */
        ENVIRONMENT,
        /** A server this JVM starts on this machine. */
        LOCAL,
        /** A Testcontainers container. */
        CONTAINER,
        /** Nowhere: the tests that need it are skipped, and {@link Choice#explanation()} says what to install or set. */
        NONE
    }

    /**
     * One kind of server, named for messages.
     *
     * @param name what it is, such as {@code "Redis"}
     * @param addressVariable the environment variable that names a running server
     * @param local what is started on this machine, such as {@code "redis-server from the PATH"}
     * @param localHowTo what makes the local server available, such as {@code "apt-get install -y redis-server"}
     * @param container the container started with Docker, or {@code null} when there is none for this kind
     */
    public record Kind(String name, String addressVariable, String local, String localHowTo, String container) {
        /**
         * Checks that every field but {@code container} is given.
         *
         * @param name what it is
         * @param addressVariable the environment variable that names a running server
         * @param local what is started on this machine
         * @param localHowTo what makes the local server available
         * @param container the container, or {@code null}
         */
        public Kind {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(addressVariable, "addressVariable");
            Objects.requireNonNull(local, "local");
            Objects.requireNonNull(localHowTo, "localHowTo");
        }
    }

    /**
     * The decision.
     *
     * @param source where the server comes from
     * @param address the address from the environment for {@link Source#ENVIRONMENT}, otherwise {@code null}
     * @param explanation a sentence for the log, without the address (which may hold a password); for
     *     {@link Source#NONE} it says what to install or set
     */
    public record Choice(Source source, String address, String explanation) {
    }

    /**
     * Chooses where a server of one kind comes from.
     *
     * @param kind the kind of server
     * @param environment the environment variables
     * @param localAvailable whether the local server can be started (its binary is on the {@code PATH})
     * @param dockerAvailable whether a Docker engine answers; asked only when no earlier source applies
     * @return the choice
     * @throws IllegalArgumentException if {@value #MODE} has a value other than {@code auto}, {@code local}
     *     or {@code containers}
     */
    public static Choice choose(Kind kind, Map<String, String> environment, boolean localAvailable, BooleanSupplier dockerAvailable) {
        String mode = mode(environment);
        String address = environment.get(kind.addressVariable());
        if (address != null && !address.isBlank()) {
            return new Choice(Source.ENVIRONMENT, address.strip(), kind.name() + ": the server named by " + kind.addressVariable());
        }
        // A kind without a container keeps its local server under "containers": the rest of the suite still runs.
        boolean containersOnly = mode.equals("containers") && kind.container() != null;
        boolean locals = !containersOnly;
        boolean containers = !mode.equals("local") && kind.container() != null;
        if (locals && localAvailable) {
            return new Choice(Source.LOCAL, null, kind.name() + ": " + kind.local() + " (" + kind.addressVariable() + " names another server)");
        }
        if (containers && dockerAvailable.getAsBoolean()) {
            return new Choice(Source.CONTAINER, null, kind.name() + ": " + kind.container() + " through Testcontainers ("
                    + kind.addressVariable() + " names another server)");
        }
        StringBuilder reason = new StringBuilder("no " + kind.name() + " server for these tests: set " + kind.addressVariable()
                + " to a running one");
        if (locals) {
            reason.append(", or make ").append(kind.local()).append(" available (").append(kind.localHowTo()).append(")");
        }
        if (containers) {
            reason.append(", or start a Docker engine for ").append(kind.container()).append(" (Testcontainers found none)");
        } else if (kind.container() == null) {
            reason.append("; there is no container for it");
        } else {
            reason.append("; ").append(MODE).append("=local rules out containers");
        }
        if (containersOnly) {
            reason.append("; ").append(MODE).append("=containers rules out local servers");
        }
        return new Choice(Source.NONE, null, reason.toString());
    }

    private static String mode(Map<String, String> environment) {
        String given = environment.get(MODE);
        String mode = given == null || given.isBlank() ? "auto" : given.strip().toLowerCase(Locale.ROOT);
        if (!mode.equals("auto") && !mode.equals("local") && !mode.equals("containers")) {
            throw new IllegalArgumentException(MODE + " is '" + given + "'; use auto (the default), local or containers");
        }
        return mode;
    }

    /**
     * Chooses with this JVM's environment and a Docker probe, and prints the choice to standard error so
     * that the build log says which servers the tests ran against.
     *
     * @param kind the kind of server
     * @param localAvailable whether the local server can be started
     * @return the choice, never {@link Source#NONE}
     * @throws org.opentest4j.TestAbortedException if no server can be had: JUnit reports the test as
     *     skipped, with the reason
     * @throws IllegalStateException if no server can be had although {@value #MODE} asked for one kind
     *     explicitly: a run that asked for containers must not pass with its tests skipped
     */
    static Choice chooseOrAbort(Kind kind, boolean localAvailable) {
        Map<String, String> environment = System.getenv();
        Choice choice = choose(kind, environment, localAvailable, Docker::available);
        if (REPORTED.add(choice.explanation())) {
            System.err.println("[kv-test-servers] " + choice.explanation());
        }
        if (choice.source() == Source.NONE) {
            if (!mode(environment).equals("auto")) {
                throw new IllegalStateException(choice.explanation());
            }
            Assumptions.abort(choice.explanation());
        }
        return choice;
    }

    /**
     * @param binary a program's file name
     * @return whether an executable of that name is in a folder of the {@code PATH}
     */
    public static boolean onPath(String binary) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, binary)));
    }
}
