package org.kvcaches.tck.fault;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * The first main of every {@link ChildJvm}: it makes the child halt as soon as its parent process is
 * gone, then runs the real main class. A parent killed with SIGKILL runs no shutdown hook, so
 * without this its children would live on, holding ports, files and locks for later test runs.
 */
final class OrphanGuard {
    /** The exit status of a child whose parent is gone. */
    static final int ORPHANED = 3;

    private OrphanGuard() {
    }

    /**
     * @param args the real main class, then its arguments
     * @throws Throwable whatever the real main throws, so the JVM reports it as usual
     */
    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: OrphanGuard <main class> [arguments...]");
        }
        ProcessHandle parent = ProcessHandle.current().parent()
                .orElseThrow(() -> new IllegalStateException("started without a parent process"));
        // halt, not exit: nothing of the child (hooks, finally blocks) should run for a test that is gone.
        parent.onExit().thenRun(() -> Runtime.getRuntime().halt(ORPHANED));
        if (!parent.isAlive()) {
            Runtime.getRuntime().halt(ORPHANED);
        }
        Class<?> mainClass = Class.forName(args[0], true, OrphanGuard.class.getClassLoader());
        Method main = mainClass.getDeclaredMethod("main", String[].class);
        if (!Modifier.isStatic(main.getModifiers())) {
            throw new IllegalArgumentException(args[0] + ".main(String[]) is not static");
        }
        main.setAccessible(true);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
