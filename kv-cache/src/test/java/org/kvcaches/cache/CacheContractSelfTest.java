package org.kvcaches.cache;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.kvcaches.tck.cache.CacheContract;

/**
 * The cache contract can fail: the seed's naive algorithm, and a decorator that never caches, fail
 * it in the tests aimed at their defects, and pass the rest that they should pass.
 */
class CacheContractSelfTest {
    private static final Set<String> NAIVE_FAILS = Set.of(
            "aFillThatStartsBeforeAWriteAndEndsAfterItNeverLeavesTheOldValue",
            "aFailedInvalidationNeverServesTheOldValueAndTheWriteSucceeds",
            "aCacheThatKeepsFailingToInvalidateNeverServesTheOldValue",
            "aCacheStoreThatThrowsOnEveryCallNeverFailsAReadOrAWrite",
            "concurrentMissesOnOneKeyCostOneStoreRead",
            "aValueOverTheSizeLimitIsServedButLeavesNoEntry");

    static Stream<Arguments> defects() {
        Set<String> naiveOnRedis = new java.util.HashSet<>(NAIVE_FAILS);
        naiveOnRedis.addAll(Set.of("aFillRacingAWriteInAnotherInstanceNeverLeavesTheOldValue",
                "aLeaseThatExpiresMidFillDoesNotStoreTheOldValue"));
        return Stream.of(
                Arguments.of(PlantedCacheDefects.NaiveOnHeap.class, NAIVE_FAILS, Set.of("aReadFillsTheCacheSoARepeatedReadDoesNotReachTheStore")),
                Arguments.of(PlantedCacheDefects.NaiveOnRedis.class, naiveOnRedis, Set.of("aReadFillsTheCacheSoARepeatedReadDoesNotReachTheStore")),
                Arguments.of(PlantedCacheDefects.NeverCaches.class,
                        Set.of("aReadFillsTheCacheSoARepeatedReadDoesNotReachTheStore", "aFailedLoadIsNotCached",
                                "aLeaseOfAFillThatNeverFinishesExpiresSoTheKeyIsCachedAgain"),
                        Set.of("aFillThatStartsBeforeAWriteAndEndsAfterItNeverLeavesTheOldValue")),
                Arguments.of(PlantedCacheDefects.UncountedLoadFailures.class, Set.of("hitsMissesAndFailedLoadsAreCounted"),
                        Set.of("concurrentMissesOnOneKeyCostOneStoreRead")));
    }

    /** Each area of the cache contract has a test that some planted defect fails. */
    @org.junit.jupiter.api.Test
    void everyAreaOfTheContractCanFail() {
        Set<String> failing = new java.util.HashSet<>();
        defects().forEach(arguments -> {
            @SuppressWarnings("unchecked")
            Set<String> mustFail = (Set<String>) arguments.get()[1];
            failing.addAll(mustFail);
        });
        for (Class<?> area : CacheContract.class.getInterfaces()) {
            Set<String> tests = java.util.Arrays.stream(area.getDeclaredMethods()).map(java.lang.reflect.Method::getName)
                    .collect(Collectors.toSet());
            assertTrue(tests.stream().anyMatch(failing::contains), "no planted defect fails any test of " + area.getSimpleName()
                    + " " + tests);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defects")
    void theContractCatchesThePlantedDefect(Class<?> broken, Set<String> mustFail, Set<String> mustPass) {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(broken)).execute().testEvents();
        Set<String> failed = tests.failed().stream().map(e -> methodName(e.getTestDescriptor())).collect(Collectors.toSet());
        Set<String> passed = tests.succeeded().stream().map(e -> methodName(e.getTestDescriptor())).collect(Collectors.toSet());
        assertTrue(failed.containsAll(mustFail), broken.getSimpleName() + " should fail " + mustFail + " but failed " + failed);
        assertTrue(passed.containsAll(mustPass), broken.getSimpleName() + " should pass " + mustPass + " but passed " + passed);
    }

    private static String methodName(TestDescriptor descriptor) {
        return descriptor.getSource()
                .filter(org.junit.platform.engine.support.descriptor.MethodSource.class::isInstance)
                .map(s -> ((org.junit.platform.engine.support.descriptor.MethodSource) s).getMethodName())
                .orElseGet(() -> descriptor.getParent().map(CacheContractSelfTest::methodName).orElse(descriptor.getDisplayName()));
    }
}
