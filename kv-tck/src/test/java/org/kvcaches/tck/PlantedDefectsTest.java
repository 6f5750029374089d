package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The TCK tests itself: every planted defect must make the contract fail, in the tests aimed at it.
 * The contract runs are independent, so they run side by side (see the surefire configuration).
 */
@Execution(ExecutionMode.CONCURRENT)
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
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
                Arguments.of(PlantedDefects.DoesNotClaimTtlButChangesTheValue.class, Set.of("ttlPutIsUnsupportedAndChangesNothing")),
                Arguments.of(PlantedDefects.UnsupportedPutReadsTheStream.class, Set.of("ttlPutIsUnsupportedAndChangesNothing")),
                Arguments.of(PlantedDefects.AcceptsInvalidKey.class, Set.of("invalidKeysAreRejectedByEveryOperationBeforeAnyChange")),
                Arguments.of(PlantedDefects.CopyOntoItselfDestroys.class, Set.of("copyOntoItselfKeepsTheValue")),
                Arguments.of(PlantedDefects.MoveOntoItselfDeletes.class, Set.of("moveOntoItselfKeepsTheValue")),
                Arguments.of(PlantedDefects.WorksAfterClose.class, Set.of("everyOperationAfterCloseThrowsIllegalState")),
                Arguments.of(PlantedDefects.CopyToPathCreatesFileForMissingKey.class, Set.of("copyToPathOfMissingKeyLeavesNoFile")),
                Arguments.of(PlantedDefects.PlainPutKeepsTheOldTtl.class, Set.of("putWithoutTtlMakesAValuePermanent")),
                Arguments.of(PlantedDefects.SecretInErrorMessage.class, Set.of("errorMessagesNameTheKeyAndHoldNoSecret")),
                Arguments.of(PlantedDefects.GetAllReportsAbsentKeys.class, Set.of("getAllReturnsThePresentKeysOnly")),
                Arguments.of(PlantedDefects.IndexLosesConcurrentWrites.class, Set.of("threadsWritingDistinctKeysAreAllListed")),
                Arguments.of(PlantedDefects.PagesByOffset.class, Set.of("keysPresentThroughoutAListingAreListedExactlyOnceWhileOthersComeAndGo")),
                Arguments.of(PlantedDefects.LeavesTempFilesAfterFailedPut.class,
                        Set.of("streamFailingHalfWayKeepsTheOldValue", "streamFailingHalfWayLeavesNoKey", "streamFailingAtOnceLeavesNoKey")),
                Arguments.of(PlantedDefects.DropsLongKeysUnderAPrefix.class, Set.of("longKeysAreListedUnderNonEmptyPrefixes")),
                Arguments.of(PlantedDefects.RefusesLongEscapedKeys.class, Set.of("longestKeysOfEveryCharacterClassRoundTrip")),
                Arguments.of(PlantedDefects.ListsThePrefixKeyTwice.class,
                        Set.of("aPrefixThatIsAlsoAKeyListsThatKeyOnce", "keysWithPrefixFiltersByStringPrefix")),
                Arguments.of(PlantedDefects.ReadsTheWholeListingFirst.class, Set.of("listingReadsAboutAPageAheadNotEverything")),
                Arguments.of(PlantedDefects.CheckThenWritePutIfAbsent.class, Set.of("putIfAbsentRaceHasExactlyOneWinner")),
                Arguments.of(PlantedDefects.TempFileHiddenByCleanUp.class,
                        Set.of("streamFailingHalfWayKeepsTheOldValue", "streamFailingHalfWayLeavesNoKey", "streamFailingAtOnceLeavesNoKey")),
                Arguments.of(PlantedDefects.StatCountsAByteTooMany.class, Set.of("statGivesTheSizeOfEmptyOneByteAndLargerValues",
                        "statGivesTheSizeOfAStreamedMultiMebibyteValue", "statFollowsCopiesAndMoves", "listGivesTheKeysOfKeysWithWhatStatReports")),
                Arguments.of(PlantedDefects.ListDropsTheLastModifiedTime.class, Set.of("listGivesTheKeysOfKeysWithWhatStatReports")),
                Arguments.of(PlantedDefects.KeepsTheFirstLastModifiedTime.class,
                        Set.of("aValueWrittenMoreThanASecondLaterHasALaterLastModifiedTime")),
                Arguments.of(PlantedDefects.VersionFromTheSize.class, Set.of("aValueWithDifferentBytesGetsANewVersion")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defects")
    void contractCatchesThePlantedDefect(Class<?> broken, Set<String> aimedAt) {
        Events tests = run(broken).testEvents();
        Set<String> failed = tests.failed().stream()
                .map(e -> e.getTestDescriptor())
                .map(PlantedDefectsTest::methodName)
                .collect(Collectors.toSet());
        assertTrue(failed.containsAll(aimedAt), broken.getSimpleName() + " should fail " + aimedAt + " but failed " + failed);
        assertTrue(tests.succeeded().count() > 20, broken.getSimpleName() + ": the rest of the contract ran and passed ("
                + tests.succeeded().count() + " passed, failed " + failed + ")");
    }

    @Test
    void aMissingServerFailsTheContractAndSkipsNothing() {
        Events all = run(PlantedDefects.ServerMissing.class).allEvents();
        List<Throwable> failures = all.failed().stream()
                .map(e -> e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow())
                .toList();
        assertFalse(failures.isEmpty(), "a missing server must be a failure");
        assertTrue(failures.stream().anyMatch(t -> String.valueOf(t.getMessage()).contains("KV_TEST_BROKEN_URI")),
                "the failure says how to provide a server: " + failures);
        assertEquals(0, all.skipped().count(), "nothing is skipped");
        assertEquals(0, all.succeeded().filter(e -> e.getTestDescriptor().isTest()).count(), "nothing passes");
    }

    @Test
    void narrowedCapabilitiesSkipTheirTestsWithTheFixturesReason() {
        Events tests = run(PlantedDefects.NarrowsTtlWithReason.class).testEvents();
        assertEquals(0, tests.failed().count());
        Map<String, String> skipped = skipReasons(tests);
        for (String ttlTest : List.of("valueWithTtlExpires", "valueWithoutTtlStays", "putIfAbsentWithTtlExpires")) {
            assertTrue(String.valueOf(skipped.get(ttlTest)).contains(PlantedDefects.NarrowsTtlWithReason.REASON),
                    ttlTest + " is skipped with the fixture's reason: " + skipped);
        }
    }

    @Test
    void narrowingWithoutAReasonIsRefused() {
        Events all = run(PlantedDefects.NarrowsTtlWithoutReason.class).allEvents();
        assertEquals(0, all.succeeded().filter(e -> e.getTestDescriptor().isTest()).count());
        assertTrue(all.failed().stream().anyMatch(e -> e.getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).map(t -> String.valueOf(t.getMessage()).contains("without a reason"))
                .orElse(false)), "the fixture is told to give a reason");
    }

    @Test
    void atLeastFifteenDefectsArePlanted() {
        assertTrue(defects().count() >= 15);
    }

    @Test
    void theReferenceStorePassesWithNoFailure() {
        Events tests = run(MemoryStoreTckTest.class).testEvents();
        List<String> failed = tests.failed().stream().map(e -> methodName(e.getTestDescriptor())).toList();
        assertTrue(failed.isEmpty(), "mem: failed " + failed);
        assertTrue(tests.succeeded().count() > 80, "the contract ran " + tests.succeeded().count() + " tests");
        // mem: claims TTL, PUT_IF_ABSENT, COMPARE_AND_SET and LAST_MODIFIED but not URL or VERSION; each skip
        // says which capability decided it.
        Map<String, String> skipped = skipReasons(tests);
        assertEquals(Set.of("urlIsGivenWithoutCheckingThatTheKeyExists", "urlsOfDifferentKeysDiffer", "urlChecksTheKey",
                "urlReadsTheValueWhereTheJdkCanOpenIt", "ttlPutIsUnsupportedAndChangesNothing",
                "conditionalWritesWithTtlAreUnsupportedAndChangeNothing", "putIfAbsentIsUnsupportedAndChangesNothing",
                "compareAndSetIsUnsupportedAndChangesNothing", "aValueWithDifferentBytesGetsANewVersion",
                "streamedPutHoldsBoundedMemory"), skipped.keySet());
        String heap = skipped.remove("streamedPutHoldsBoundedMemory");
        assertTrue(heap.contains("mem:") && heap.contains("keeps every value in a byte array"), "the heap skip gives the fixture's reason: " + heap);
        skipped.forEach((test, reason) -> assertTrue(reason.contains("mem:") && reason.contains("capability"), test + ": " + reason));
    }

    @Test
    void skipAndLeftoverMessagesNameTheTestsOwnStore() {
        Map<String, String> skipped = skipReasons(run(PlantedDefects.NumbersEachStore.class).testEvents());
        List<String> urlSkips = skipped.entrySet().stream().filter(e -> e.getKey().startsWith("url")).map(Map.Entry::getValue).toList();
        assertEquals(4, urlSkips.size(), "the 4 URL tests are skipped: " + skipped);
        Set<String> named = urlSkips.stream().map(r -> r.replaceAll(".*(numbered-store-\\d+).*", "$1")).collect(Collectors.toSet());
        assertEquals(4, named.size(), "each skip names the store made for its own test: " + urlSkips);
        assertFalse(named.contains("numbered-store-1"), "no skip names the class's first store: " + urlSkips);

        Events leaking = run(PlantedDefects.TempFileHiddenByCleanUp.class).testEvents();
        Set<String> leftovers = leaking.failed().stream()
                .map(e -> e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow().getMessage())
                .filter(m -> m.contains("left things behind"))
                .map(m -> m.replaceAll("(?s).*?(temp-file-hidden-by-clean-up-\\d+).*", "$1"))
                .collect(Collectors.toSet());
        assertTrue(leftovers.size() >= 3 && !leftovers.contains("temp-file-hidden-by-clean-up-1"),
                "each leftover message names the store of its own test: " + leftovers);
    }

    /** Runs a contract class through the testkit, without the console summary. */
    static EngineExecutionResults run(Class<?> contract) {
        return EngineTestKit.engine("junit-jupiter").configurationParameter(TckExtension.SUMMARY_PARAMETER, "false")
                .selectors(selectClass(contract)).execute();
    }

    /** @return the reason of each skipped test: disabled by a capability, or aborted by an assumption */
    static Map<String, String> skipReasons(Events tests) {
        Map<String, String> reasons = new java.util.TreeMap<>();
        tests.skipped().stream().forEach(e -> reasons.put(methodName(e.getTestDescriptor()), e.getPayload(String.class).orElse("")));
        tests.aborted().stream().forEach(e -> reasons.put(methodName(e.getTestDescriptor()), e.getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).map(Throwable::getMessage).orElse("")));
        return reasons;
    }

    static String methodName(TestDescriptor descriptor) {
        return descriptor.getSource()
                .filter(s -> s instanceof org.junit.platform.engine.support.descriptor.MethodSource)
                .map(s -> ((org.junit.platform.engine.support.descriptor.MethodSource) s).getMethodName())
                .orElse(descriptor.getDisplayName());
    }
}
