package org.kvcaches.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.spi.ForwardingKeyValueStore;

/** Each fill guard alone: a fill that a write overtook is refused or undone, an untouched one is kept. */
class FillGuardTest {
    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final byte[] ENTRY = CacheEntry.encode(CacheEntry.Kind.VALUE, new byte[] {1}, 0, true);

    /** A mem: store that claims fewer capabilities, as a file: cache tier does. */
    private static final class WithoutLeases extends ForwardingKeyValueStore {
        WithoutLeases(KeyValueStore delegate) {
            super("without-leases", delegate);
        }

        @Override
        public Set<Capability> capabilities() {
            return EnumSet.of(Capability.SERVER_SIDE_COPY);
        }
    }

    @Test
    void theGuardIsChosenFromWhatTheCacheStoreCanDo() {
        KeyValueStore heap = KeyValueStores.open("heap:");
        KeyValueStore mem = KeyValueStores.open("mem:");
        KeyValueStore plain = new WithoutLeases(KeyValueStores.open("mem:"));
        assertInstanceOf(ArbitratedFillGuard.class, FillGuard.choose(heap, heap, true, LEASE));
        assertInstanceOf(LeaseFillGuard.class, FillGuard.choose(mem, mem, true, LEASE));
        assertInstanceOf(StampedFillGuard.class, FillGuard.choose(mem, mem, false, LEASE));
        assertEquals(CacheDecorator.Consistency.AGE_BOUNDED, FillGuard.choose(plain, plain, true, LEASE).consistency());
    }

    @Test
    void anArbitratedFillAfterAWriteIsRefusedAndLeavesNothing() {
        KeyValueStore heap = KeyValueStores.open("heap:");
        FillGuard guard = FillGuard.choose(heap, heap, true, LEASE);
        FillGuard.Ticket ticket = guard.begin("k");
        guard.writeStarted("k");
        guard.writeEnded("k");
        assertFalse(guard.fill("k", ticket, ENTRY.clone(), null));
        assertFalse(heap.contains("k"));
        assertTrue(guard.fill("k", guard.begin("k"), ENTRY.clone(), null));
        assertTrue(heap.contains("k"));
    }

    @Test
    void aStampedFillOvertakenByAWriteIsUndone() {
        KeyValueStore mem = KeyValueStores.open("mem:");
        FillGuard guard = FillGuard.choose(mem, mem, false, LEASE);
        FillGuard.Ticket ticket = guard.begin("k");
        guard.writeStarted("k");
        assertFalse(guard.fill("k", ticket, ENTRY.clone(), null));
        assertFalse(mem.contains("k"), "the overtaken fill deleted its entry");
        guard.writeEnded("k");
        assertTrue(guard.fill("k", guard.begin("k"), ENTRY.clone(), null));
    }

    @Test
    void onlyTheLeaseHolderFillsAndAnInvalidationInBetweenMakesTheFillFail() {
        KeyValueStore mem = KeyValueStores.open("mem://fill-guard-leases");
        FillGuard mine = FillGuard.choose(mem, mem, true, LEASE);
        FillGuard.Ticket ticket = mine.begin("k");
        assertNotNull(ticket);
        FillGuard other = FillGuard.choose(mem, mem, true, LEASE);
        assertNull(other.begin("k"), "a second load, as from another process, gets no lease while one is held");
        mem.delete("k"); // another process's write invalidates the key
        assertFalse(mine.fill("k", ticket, ENTRY.clone(), null));
        assertFalse(mem.contains("k"));
        FillGuard.Ticket next = mine.begin("k");
        mine.abandon("k", next);
        assertFalse(mem.contains("k"), "an abandoned lease is released at once");
    }
}
