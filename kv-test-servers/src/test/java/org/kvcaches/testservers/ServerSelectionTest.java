package org.kvcaches.testservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.kvcaches.testservers.ServerSelection.Choice;
import org.kvcaches.testservers.ServerSelection.Kind;
import org.kvcaches.testservers.ServerSelection.Source;

class ServerSelectionTest {
    private static final Kind REDIS = new Kind("Redis", "KV_TEST_REDIS_URI", "redis-server from the PATH",
            "apt-get install -y redis-server", "a redis:7.2-alpine container");
    private static final Kind S3RVER = new Kind("s3rver", "KV_TEST_S3RVER_ENDPOINT", "s3rver from the PATH",
            "npm install -g s3rver@3.7.1", null);

    /** Counts the Docker probes, which cost half a second and must not run when an earlier source applies. */
    private final AtomicInteger probes = new AtomicInteger();

    private BooleanSupplier docker(boolean answers) {
        return () -> {
            probes.incrementAndGet();
            return answers;
        };
    }

    @Test
    void anAddressInTheEnvironmentComesFirstAndDockerIsNotProbed() {
        Choice choice = ServerSelection.choose(REDIS, Map.of("KV_TEST_REDIS_URI", " redis://db:6380 "), true, docker(true));
        assertEquals(Source.ENVIRONMENT, choice.source());
        assertEquals("redis://db:6380", choice.address());
        assertEquals(0, probes.get());
    }

    @Test
    void theExplanationNamesTheVariableButNotTheAddressWhichMayHoldAPassword() {
        Choice choice = ServerSelection.choose(REDIS, Map.of("KV_TEST_REDIS_URI", "redis://:hunter2@db"), true, docker(true));
        assertEquals("Redis: the server named by KV_TEST_REDIS_URI", choice.explanation());
    }

    @Test
    void aBlankAddressCountsAsUnset() {
        assertEquals(Source.LOCAL, ServerSelection.choose(REDIS, Map.of("KV_TEST_REDIS_URI", "  "), true, docker(true)).source());
    }

    @Test
    void aLocalServerComesBeforeDockerAndDockerIsNotProbed() {
        Choice choice = ServerSelection.choose(REDIS, Map.of(), true, docker(true));
        assertEquals(Source.LOCAL, choice.source());
        assertTrue(choice.explanation().contains("redis-server from the PATH"), choice.explanation());
        assertEquals(0, probes.get());
    }

    @Test
    void aContainerIsStartedWhenNoLocalServerCanBeAndDockerAnswers() {
        Choice choice = ServerSelection.choose(REDIS, Map.of(), false, docker(true));
        assertEquals(Source.CONTAINER, choice.source());
        assertTrue(choice.explanation().contains("a redis:7.2-alpine container"), choice.explanation());
    }

    @Test
    void withoutAnyServerTheReasonSaysWhatToSetOrInstall() {
        Choice choice = ServerSelection.choose(REDIS, Map.of(), false, docker(false));
        assertEquals(Source.NONE, choice.source());
        assertTrue(choice.explanation().contains("set KV_TEST_REDIS_URI"), choice.explanation());
        assertTrue(choice.explanation().contains("apt-get install -y redis-server"), choice.explanation());
        assertTrue(choice.explanation().contains("start a Docker engine"), choice.explanation());
        assertEquals(1, probes.get());
    }

    @Test
    void containersModeStartsAContainerEvenWhenALocalServerCouldRun() {
        Choice choice = ServerSelection.choose(REDIS, Map.of(ServerSelection.MODE, "containers"), true, docker(true));
        assertEquals(Source.CONTAINER, choice.source());
    }

    @Test
    void containersModeWithoutDockerDoesNotFallBackToALocalServer() {
        Choice choice = ServerSelection.choose(REDIS, Map.of(ServerSelection.MODE, "containers"), true, docker(false));
        assertEquals(Source.NONE, choice.source());
        assertTrue(choice.explanation().contains("KV_TEST_SERVERS=containers rules out local servers"), choice.explanation());
    }

    @Test
    void containersModeStillHonoursAnAddressInTheEnvironment() {
        Choice choice = ServerSelection.choose(REDIS, Map.of(ServerSelection.MODE, "containers", "KV_TEST_REDIS_URI", "redis://db"),
                true, docker(true));
        assertEquals(Source.ENVIRONMENT, choice.source());
        assertEquals("redis://db", choice.address());
    }

    @Test
    void localModeNeverProbesDocker() {
        Choice choice = ServerSelection.choose(REDIS, Map.of(ServerSelection.MODE, "local"), false, docker(true));
        assertEquals(Source.NONE, choice.source());
        assertTrue(choice.explanation().contains("KV_TEST_SERVERS=local rules out containers"), choice.explanation());
        assertEquals(0, probes.get());
    }

    @Test
    void aKindWithoutAContainerKeepsItsLocalServerInContainersMode() {
        assertEquals(Source.LOCAL, ServerSelection.choose(S3RVER, Map.of(ServerSelection.MODE, "containers"), true, docker(true)).source());
    }

    @Test
    void aKindWithoutAContainerNeverProbesDockerAndSaysThereIsNone() {
        Choice choice = ServerSelection.choose(S3RVER, Map.of(), false, docker(true));
        assertEquals(Source.NONE, choice.source());
        assertTrue(choice.explanation().contains("npm install -g s3rver@3.7.1"), choice.explanation());
        assertTrue(choice.explanation().contains("there is no container for it"), choice.explanation());
        assertEquals(0, probes.get());
    }

    @Test
    void theModeIgnoresCase() {
        assertEquals(Source.CONTAINER, ServerSelection.choose(REDIS, Map.of(ServerSelection.MODE, "Containers"), true, docker(true)).source());
    }

    @Test
    void anUnknownModeIsRejectedNamingTheVariableAndTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerSelection.choose(REDIS, Map.of(ServerSelection.MODE, "docker"), true, docker(true)));
        assertEquals("KV_TEST_SERVERS is 'docker'; use auto (the default), local or containers", e.getMessage());
    }

    @Test
    void anUnknownModeIsRejectedEvenWhenAnAddressIsGiven() {
        assertThrows(IllegalArgumentException.class, () -> ServerSelection.choose(REDIS,
                Map.of(ServerSelection.MODE, "docker", "KV_TEST_REDIS_URI", "redis://db"), true, docker(true)));
    }
}
