package org.kvcaches.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TierBreakerTest {
    private static final Duration PROBE = Duration.ofMillis(100);

    private static void fail(TierBreaker breaker) {
        assertThrows(IllegalStateException.class, () -> breaker.run(() -> {
            throw new IllegalStateException("planted");
        }));
    }

    @Test
    void opensAfterTheThresholdOfFailuresInARowAndSkipsTheTier() {
        StatsCounter stats = new StatsCounter();
        TierBreaker breaker = new TierBreaker(3, Duration.ofSeconds(1), PROBE, stats);
        fail(breaker);
        fail(breaker);
        breaker.run(() -> { });
        fail(breaker);
        fail(breaker);
        assertEquals(BreakerState.CLOSED, breaker.state(), "a success in between resets the count");
        fail(breaker);
        assertEquals(BreakerState.OPEN, breaker.state());
        assertFalse(breaker.allows(), "an open breaker skips the tier");
        assertEquals(1, stats.count(StatsCounter.Event.BREAKER_OPENED));
    }

    @Test
    void letsOneProbePerIntervalThroughAndClosesWhenItSucceeds() throws InterruptedException {
        StatsCounter stats = new StatsCounter();
        TierBreaker breaker = new TierBreaker(1, Duration.ofSeconds(1), PROBE, stats);
        fail(breaker);
        assertFalse(breaker.allows());
        Thread.sleep(PROBE.toMillis() + 50);
        assertTrue(breaker.allows(), "the first call after the interval is the probe");
        assertFalse(breaker.allows(), "only one probe at a time");
        fail(breaker);
        assertEquals(BreakerState.OPEN, breaker.state(), "a failed probe opens the breaker again");
        Thread.sleep(PROBE.toMillis() + 50);
        assertTrue(breaker.allows());
        breaker.run(() -> { });
        assertEquals(BreakerState.CLOSED, breaker.state());
        assertEquals(1, stats.count(StatsCounter.Event.BREAKER_CLOSED));
    }

    @Test
    void aCallSlowerThanTheDeadlineCountsAsAFailure() {
        StatsCounter stats = new StatsCounter();
        TierBreaker breaker = new TierBreaker(2, Duration.ofMillis(5), PROBE, stats);
        for (int i = 0; i < 2; i++) {
            breaker.run(() -> {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertEquals(BreakerState.OPEN, breaker.state());
        assertEquals(2, stats.count(StatsCounter.Event.SLOW_CALL));
    }

    @Test
    void askingWhetherACallWouldBeSkippedNeverTakesTheProbe() throws InterruptedException {
        TierBreaker breaker = new TierBreaker(1, Duration.ofSeconds(1), PROBE, new StatsCounter());
        assertFalse(breaker.skipping(), "a closed breaker skips nothing");
        fail(breaker);
        assertTrue(breaker.skipping(), "open, and no probe due yet");
        Thread.sleep(PROBE.toMillis() + 50);
        assertFalse(breaker.skipping(), "a probe is due");
        assertFalse(breaker.skipping(), "asking again leaves it due");
        assertTrue(breaker.allows(), "the call that follows is the probe");
        assertTrue(breaker.skipping(), "while the probe is under way, other calls are skipped");
    }
}
