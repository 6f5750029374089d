package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.testkit.engine.Events;

/**
 * The bounded-memory checks fail stores that hold a streamed value whole and pass one that streams
 * through files. Isolated: the checks measure the heap, which other contract runs in this JVM would
 * change under them.
 */
@Isolated
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PlantedMemoryDefectsTest {
    private static final Set<String> MEMORY_TESTS = Set.of("streamedPutHoldsBoundedMemory", "streamedReadHoldsBoundedMemory");

    private static Set<String> failed(Class<?> contract) {
        return PlantedDefectsTest.run(contract).testEvents().failed().stream()
                .map(e -> PlantedDefectsTest.methodName(e.getTestDescriptor())).collect(Collectors.toSet());
    }

    @Test
    void aStoreThatStreamsThroughFilesPassesBothMemoryChecks() {
        Events tests = PlantedDefectsTest.run(PlantedDefects.StreamsThroughFiles.class).testEvents();
        Set<String> passed = tests.succeeded().stream().map(e -> PlantedDefectsTest.methodName(e.getTestDescriptor()))
                .collect(Collectors.toSet());
        assertTrue(passed.containsAll(MEMORY_TESTS), "the control store passes " + MEMORY_TESTS + "; passed " + passed);
        assertEquals(0, tests.failed().count(), "the control store passes the whole contract; failed " + tests.failed().stream()
                .map(e -> PlantedDefectsTest.methodName(e.getTestDescriptor())).toList());
    }

    @Test
    void aStreamedPutHeldInMemoryFailsTheBoundedPutCheck() {
        Set<String> failed = failed(PlantedDefects.HoldsAStreamedPutInMemory.class);
        assertEquals(Set.of("streamedPutHoldsBoundedMemory"), failed, "only the bounded-put check fails");
    }

    @Test
    void aValueReadWholeOnOpenFailsTheBoundedReadCheck() {
        Set<String> failed = failed(PlantedDefects.ReadsTheWholeValueOnOpen.class);
        assertEquals(Set.of("streamedReadHoldsBoundedMemory"), failed, "only the bounded-read check fails");
    }
}
