package org.kvcaches.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The fault contract can fail: the seed's naive chain (fill and invalidation errors reach the caller,
 * a truncated cache entry is served) and a chain that swallows cache errors but forgets failed
 * invalidations each fail exactly the tests aimed at their defects, and pass the rest.
 */
class FaultContractSelfTest {
    private static final Set<String> INVALIDATION = Set.of(
            "aFailedInvalidationNeverYieldsAStaleReadWhileTheCacheTierStaysFaulty",
            "aFailedInvalidationNeverYieldsAStaleReadAfterTheCacheTierRecovers",
            "failedInvalidationsOfManyKeysNeverYieldAStaleRead",
            "concurrentReadsNeverSeeAValueOlderThanTheLastCompletedWrite");

    static Stream<Arguments> defects() {
        Set<String> naive = new TreeSet<>(INVALIDATION);
        naive.addAll(Set.of("aCacheTierThatThrowsOnEveryCallFailsNoReadOfCachedValues",
                "aCacheTierThatThrowsOnEveryCallFailsNoReadOfUncachedValues",
                "writesAndReadsSucceedWhileTheCacheTierThrowsOnEveryCall",
                "concurrentReadsWhileTheCacheTierFlickersAllSucceed",
                "aCacheTierWhoseReadsBreakNeverFailsOrTruncatesARead"));
        Set<String> forgetful = new TreeSet<>(INVALIDATION);
        forgetful.addAll(Set.of("aCacheTierWhoseReadsBreakNeverFailsOrTruncatesARead",
                // a delete whose invalidation failed while the tier was down is served once it is back
                "writesAndReadsSucceedWhileTheCacheTierThrowsOnEveryCall"));
        return Stream.of(Arguments.of(PlantedChainDefects.Naive.class, naive),
                Arguments.of(PlantedChainDefects.Forgetful.class, forgetful));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defects")
    void theContractCatchesThePlantedDefect(Class<?> broken, Set<String> mustFail) {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(broken)).execute().testEvents();
        Set<String> failed = tests.failed().stream().map(e -> methodName(e.getTestDescriptor())).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(mustFail, failed, broken.getSimpleName() + " fails exactly the tests aimed at its defect");
        assertEquals(0, tests.skipped().count(), "no test is skipped");
    }

    /** @return the contract method a test (or one invocation of a parameterized test) runs */
    private static String methodName(TestDescriptor descriptor) {
        return descriptor.getUniqueId().getSegments().stream()
                .filter(segment -> segment.getType().equals("method") || segment.getType().equals("test-template"))
                .map(UniqueId.Segment::getValue)
                .map(value -> value.substring(0, value.indexOf('(')))
                .findFirst().orElse(descriptor.getDisplayName());
    }
}
