package org.kvcaches.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void everyValueFallsIntoTheBucketWhoseRangeHoldsIt() {
        long[] values = {0, 1, 127, 128, 129, 255, 256, 1_000, 65_535, 1_000_000, 123_456_789, Long.MAX_VALUE / 3, Long.MAX_VALUE};
        for (long value : values) {
            int index = LatencyRecorder.index(value);
            assertTrue(LatencyRecorder.highest(index) >= value, "bucket of " + value);
            assertTrue(index == 0 || LatencyRecorder.highest(index - 1) < value, "previous bucket of " + value);
        }
    }

    @Test
    void percentilesOfAUniformRangeAreWithinTheBucketPrecision() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (long v = 1; v <= 1_000_000; v++) {
            recorder.record(v * 1_000);
        }

        assertEquals(1_000_000, recorder.count());
        assertEquals(1_000_000_000L, recorder.max());
        assertEquals(500_000_500L, recorder.mean());
        assertNear(500_000_000L, recorder.percentile(0.5));
        assertNear(990_000_000L, recorder.percentile(0.99));
        assertNear(999_000_000L, recorder.percentile(0.999));
    }

    @Test
    void aRareSlowOperationShowsInTheTailNotTheMedian() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 0; i < 999; i++) {
            recorder.record(1_000);
        }
        recorder.record(50_000_000);

        assertNear(1_000, recorder.percentile(0.5));
        assertNear(1_000, recorder.percentile(0.99));
        assertEquals(50_000_000, recorder.percentile(1.0));
    }

    @Test
    void mergedRecordersCountEverySample() {
        LatencyRecorder a = new LatencyRecorder();
        LatencyRecorder b = new LatencyRecorder();
        a.record(10);
        b.record(20);
        b.record(5_000);

        a.add(b);

        assertEquals(3, a.count());
        assertEquals(5_000, a.max());
        assertEquals(20, a.percentile(0.5));
    }

    private static void assertNear(long expected, long actual) {
        assertTrue(Math.abs(actual - expected) <= expected / 64 + 1, "expected about " + expected + " but was " + actual);
    }
}
