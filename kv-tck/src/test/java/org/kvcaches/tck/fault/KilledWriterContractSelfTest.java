package org.kvcaches.tck.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The killed-writer contract can fail: a file store that writes values in place (no temp file and
 * rename) fails both of its tests, because the killed writer leaves the old value destroyed and a
 * partial new key listed.
 */
class KilledWriterContractSelfTest {

    @Test
    void aStoreThatWritesInPlaceFailsTheContract() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(PlantedKilledWriters.InPlace.class)).execute().testEvents();
        Set<String> failed = tests.failed().stream()
                .map(e -> e.getTestDescriptor().getDisplayName().replaceFirst("\\(.*", ""))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("aWriterKilledMidPutLeavesTheOldValueWhole", "aWriterKilledMidPutOfANewKeyLeavesNothingListed"), failed,
                "the in-place store fails every test of the contract");
    }
}
