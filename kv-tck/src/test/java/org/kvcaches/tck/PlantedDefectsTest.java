package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The TCK tests itself: every planted defect must make the contract fail, in the tests aimed at it. */
class PlantedDefectsTest {

    static Stream<Arguments> defects() {
        return Stream.of(
                Arguments.of(PlantedDefects.LosesKeyAtPageBoundary.class, Set.of("listingCrossesPageBoundaries")),
                Arguments.of(PlantedDefects.ListsKeyTwiceAtPageBoundary.class, Set.of("listingCrossesPageBoundaries")),
                Arguments.of(PlantedDefects.TruncatesAtZeroByte.class, Set.of("zeroBytesDoNotTruncate", "allByteValuesRoundTrip")),
                Arguments.of(PlantedDefects.NonAtomicOverwrite.class, Set.of("concurrentOverwritesAreSeenWholeByGet")),
                Arguments.of(PlantedDefects.ThrowsOnDeletingAbsentKey.class, Set.of("deleteOfAbsentKeyIsNotAnError")),
                Arguments.of(PlantedDefects.IgnoresPrefixInListing.class, Set.of("keysWithPrefixFiltersByStringPrefix")),
                Arguments.of(PlantedDefects.ClaimsTtlButNeverExpires.class, Set.of("valueWithTtlExpires")),
                Arguments.of(PlantedDefects.LeaksOpenStream.class, Set.of("putThenGetReturnsTheValue")),
                Arguments.of(PlantedDefects.SecretInToString.class, Set.of("toStringNamesTheStoreWithoutSecrets")),
                Arguments.of(PlantedDefects.PartialValueAfterFailedStreamPut.class,
                        Set.of("streamFailingHalfWayKeepsTheOldValue", "streamFailingHalfWayLeavesNoKey")),
                Arguments.of(PlantedDefects.NonAtomicCompareAndSet.class, Set.of("compareAndSetRaceHasExactlyOneWinner")),
                Arguments.of(PlantedDefects.PutIfAbsentOverwrites.class, Set.of("putIfAbsentWritesOnlyWhenAbsent")),
                Arguments.of(PlantedDefects.CopyKeepsExistingDestination.class, Set.of("copyOverwritesAnExistingDestination")),
                Arguments.of(PlantedDefects.MoveLeavesSource.class, Set.of("moveWritesTheDestinationAndRemovesTheSource")),
                Arguments.of(PlantedDefects.GetReturnsInternalArray.class, Set.of("returnedArraysAreNotTheStoresOwn")),
                Arguments.of(PlantedDefects.PrefixesListDuplicates.class, Set.of("slashPrefixesGiveFoldersAndKeys")),
                Arguments.of(PlantedDefects.FoldsKeyCase.class, Set.of("keysDifferingOnlyInCaseAreDistinct")),
                Arguments.of(PlantedDefects.EmptyValueIsLost.class, Set.of("emptyValueRoundTrips")),
                Arguments.of(PlantedDefects.RangeIgnoresOffset.class, Set.of("openRangeReadsThePartAndCutsAtTheEnd")),
                Arguments.of(PlantedDefects.TruncatesLargeStreams.class, Set.of("largeValueStreamsInAndOut")),
                Arguments.of(PlantedDefects.ClosesCallersStream.class, Set.of("putDoesNotCloseTheCallersStream")),
                Arguments.of(PlantedDefects.SameUrlForEveryKey.class, Set.of("urlsOfDifferentKeysDiffer")),
                Arguments.of(PlantedDefects.DoesNotClaimTtlButChangesTheValue.class, Set.of("ttlPutIsUnsupportedAndChangesNothing")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defects")
    void contractCatchesThePlantedDefect(Class<?> broken, Set<String> aimedAt) {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(broken)).execute().testEvents();
        Set<String> failed = tests.failed().stream()
                .map(e -> e.getTestDescriptor())
                .map(PlantedDefectsTest::methodName)
                .collect(Collectors.toSet());
        assertTrue(failed.containsAll(aimedAt), broken.getSimpleName() + " should fail " + aimedAt + " but failed " + failed);
        assertTrue(tests.succeeded().count() > 20, broken.getSimpleName() + ": the rest of the contract ran and passed ("
                + tests.succeeded().count() + " passed, failed " + failed + ")");
    }

    @Test
    void atLeastFifteenDefectsArePlanted() {
        assertTrue(defects().count() >= 15);
    }

    @Test
    void theReferenceStorePassesWithNoFailure() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(MemoryStoreTckTest.class)).execute().testEvents();
        List<String> failed = tests.failed().stream().map(e -> methodName(e.getTestDescriptor())).toList();
        assertTrue(failed.isEmpty(), "mem: failed " + failed);
        assertTrue(tests.succeeded().count() > 80, "the contract ran " + tests.succeeded().count() + " tests");
    }

    private static String methodName(TestDescriptor descriptor) {
        return descriptor.getSource()
                .filter(s -> s instanceof org.junit.platform.engine.support.descriptor.MethodSource)
                .map(s -> ((org.junit.platform.engine.support.descriptor.MethodSource) s).getMethodName())
                .orElse(descriptor.getDisplayName());
    }
}
