package org.kvcaches.tck.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ChildJvm} with {@link ScriptedChild}: the line protocol, failures, kill and close, and no orphans. */
@Timeout(120)
class ChildJvmTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> SMALL = List.of("-Xmx32m", "-XX:TieredStopAtLevel=1");

    private static ChildJvm start(String... args) {
        ChildJvm child = ChildJvm.start(ScriptedChild.class, SMALL, args);
        assertEquals("ready " + String.join(",", args), child.awaitLine(WAIT));
        return child;
    }

    @Test
    void aCommandLineGetsItsReplyLine() {
        try (ChildJvm child = start("a", "b")) {
            assertEquals("hello there", child.request("echo hello there", WAIT));
            assertEquals("second", child.request("echo second", WAIT));
        }
    }

    @Test
    void theChildRunsWithTheTestClassPathAndTheGivenOptions() {
        try (ChildJvm child = ChildJvm.start(ScriptedChild.class, List.of("-Xmx32m", "-Dkv.child.answer=42"))) {
            child.awaitLine(WAIT);
            assertEquals("42", child.request("property kv.child.answer", WAIT));
            assertEquals(System.getProperty("java.class.path"), child.request("property java.class.path", WAIT));
        }
    }

    @Test
    void awaitingAMatchingLineSkipsOtherOutput() {
        try (ChildJvm child = start()) {
            child.send("noise");
            child.send("echo progress 7");
            assertEquals("progress 7", child.awaitLine(line -> line.startsWith("progress "), WAIT));
        }
    }

    @Test
    void aReplyThatDoesNotComeFailsWithTheChildsStderr() {
        try (ChildJvm child = start()) {
            child.send("stderr something went wrong");
            child.send("echo seen");
            child.awaitLine(WAIT);
            AssertionError error = assertThrows(AssertionError.class, () -> child.request("silence", Duration.ofMillis(200)));
            assertTrue(error.getMessage().contains("no awaited line"), error.getMessage());
            assertTrue(error.getMessage().contains("something went wrong"), "stderr is in the message: " + error.getMessage());
            assertTrue(error.getMessage().contains("seen"), "the last lines are in the message: " + error.getMessage());
        }
    }

    @Test
    void aChildThatExitsFailsTheAwaitWithItsExitCode() {
        try (ChildJvm child = start()) {
            child.send("stderr dying");
            child.send("exit 7");
            AssertionError error = assertThrows(AssertionError.class, () -> child.awaitLine(line -> line.startsWith("answer"), WAIT));
            assertTrue(error.getMessage().contains("ended its output"), error.getMessage());
            assertTrue(error.getMessage().contains("exited 7"), error.getMessage());
            assertTrue(error.getMessage().contains("dying"), error.getMessage());
            assertEquals(Optional.of(7), child.awaitExit(WAIT));
        }
    }

    @Test
    void killIsASigkillThatRunsNothingInTheChild() {
        try (ChildJvm child = start()) {
            assertEquals(137, child.kill(), "128 + SIGKILL (9)");
            assertFalse(child.isAlive());
            assertThrows(AssertionError.class, () -> child.awaitLine(line -> line.equals("shutdown hook ran"), WAIT),
                    "a killed child runs no shutdown hook");
        }
    }

    @Test
    void closeEndsTheChildGracefullyThroughItsInput() {
        ChildJvm child = start();
        child.close();
        assertFalse(child.isAlive());
        assertEquals(Optional.of(0), child.awaitExit(Duration.ZERO), "it exited by itself, not by a kill");
        assertEquals("input ended", child.awaitLine(WAIT));
        assertEquals("shutdown hook ran", child.awaitLine(WAIT));
    }

    @Test
    void aGrandchildHaltsWhenItsParentIsKilled() throws Exception {
        ProcessHandle grandchild;
        try (ChildJvm child = start()) {
            long pid = Long.parseLong(child.request("spawn", WAIT));
            grandchild = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("the grandchild " + pid + " is not running"));
            child.kill();
        }
        awaitGone(grandchild, "after its parent was killed with SIGKILL (no shutdown hook ran)");
    }

    @Test
    void aGrandchildIsKilledWhenItsParentExits() throws Exception {
        ProcessHandle grandchild;
        try (ChildJvm child = start()) {
            long pid = Long.parseLong(child.request("spawn", WAIT));
            grandchild = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("the grandchild " + pid + " is not running"));
            child.send("exit 0");
            assertEquals(Optional.of(0), child.awaitExit(WAIT));
        }
        awaitGone(grandchild, "after its parent exited");
    }

    private static void awaitGone(ProcessHandle process, String when) throws Exception {
        try {
            process.onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new AssertionError("process " + process.pid() + " still ran " + WAIT + " " + when, e);
        }
    }
}
