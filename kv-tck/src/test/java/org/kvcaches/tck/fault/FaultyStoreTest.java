package org.kvcaches.tck.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.KvException;
import org.kvcaches.tck.fault.FaultyStore.InjectedFault;
import org.kvcaches.tck.fault.FaultyStore.Operation;
import org.kvcaches.tck.fault.FaultyStore.Truncation;

/** Each fault {@link FaultyStore} injects, over {@code mem:}, and that the store below is left as the fault says. */
@Timeout(60)
class FaultyStoreTest {
    private static final byte[] OLD = "old value".getBytes();
    private static final byte[] NEW = "new value".getBytes();

    private final KeyValueStore below = KeyValueStores.open("mem:");
    private final FaultyStore faulty = new FaultyStore(below);

    @AfterEach
    void close() {
        faulty.close();
    }

    private static byte[] bytes(int length) {
        byte[] value = new byte[length];
        for (int i = 0; i < length; i++) {
            value[i] = (byte) i;
        }
        return value;
    }

    /** Every public call of one kind, each of which must fail when that kind fails. */
    private List<Executable> callsOf(Operation operation) {
        return switch (operation) {
            case READ -> List.of(() -> faulty.get("k"), () -> faulty.find("k"), () -> faulty.open("k").close(),
                    () -> faulty.open("k", 1, 2).close(), () -> faulty.size("k"), () -> faulty.contains("k"),
                    () -> faulty.getAll(List.of("k")));
            case WRITE -> List.of(() -> faulty.put("k", NEW), () -> faulty.put("k", new ByteArrayInputStream(NEW)),
                    () -> faulty.putIfAbsent("p", NEW), () -> faulty.compareAndSet("k", OLD, NEW),
                    () -> faulty.copy("k", "c"), () -> faulty.move("k", "m"));
            case DELETE -> List.of(() -> faulty.delete("k"), () -> faulty.deleteAll(List.of("k", "other")));
            case LIST -> List.of(() -> faulty.keys("").close(), () -> faulty.prefixes("", "/").close());
        };
    }

    private void assertUntouched() {
        assertArrayEquals(OLD, below.get("k"), "the store below kept its value");
        assertEquals(List.of("k"), below.keys("").toList(), "the store below holds nothing else");
    }

    @Test
    void failEverythingFailsEveryCallBeforeItReachesTheStoreBelow() {
        below.put("k", OLD);
        faulty.failEverything();
        for (Operation operation : Operation.values()) {
            for (Executable call : callsOf(operation)) {
                assertThrows(InjectedFault.class, call, operation + " fails");
            }
        }
        assertUntouched();
        faulty.heal();
        assertArrayEquals(OLD, faulty.get("k"));
    }

    @Test
    void failFailsOnlyTheChosenKinds() {
        below.put("k", OLD);
        faulty.fail(Operation.DELETE);
        callsOf(Operation.DELETE).forEach(call -> assertThrows(InjectedFault.class, call));
        assertArrayEquals(OLD, faulty.get("k"));
        faulty.put("k", NEW);
        assertArrayEquals(NEW, below.get("k"));
        assertEquals(List.of("k"), faulty.keys("").toList());
    }

    @Test
    void failNextFailsThatManyCallsThenPassesThem() {
        below.put("k", OLD);
        faulty.failNext(Operation.READ, 2);
        assertThrows(InjectedFault.class, () -> faulty.get("k"));
        assertThrows(InjectedFault.class, () -> faulty.find("k"));
        assertArrayEquals(OLD, faulty.get("k"));
        assertEquals(2, faulty.injectedFaults());
        assertEquals(3, faulty.calls(Operation.READ));
    }

    @Test
    void failRandomlyFailsWithTheGivenProbability() {
        below.put("k", OLD);
        faulty.failRandomly(1.0, Operation.READ);
        assertThrows(InjectedFault.class, () -> faulty.get("k"));
        faulty.failRandomly(0.0, Operation.READ);
        for (int i = 0; i < 100; i++) {
            assertArrayEquals(OLD, faulty.get("k"));
        }
        faulty.failRandomly(0.5, Operation.READ);
        int failed = 0;
        for (int i = 0; i < 1000; i++) {
            try {
                faulty.get("k");
            } catch (InjectedFault e) {
                failed++;
            }
        }
        // 1000 fair coin flips land outside 350..650 with a probability under 1e-20.
        assertTrue(failed > 350 && failed < 650, failed + " of 1000 reads failed at probability 0.5");
        assertThrows(IllegalArgumentException.class, () -> faulty.failRandomly(1.5, Operation.READ));
    }

    @Test
    void delayHoldsTheChosenKindsOnly() {
        below.put("k", OLD);
        faulty.delay(Duration.ofMillis(200), Operation.WRITE);
        long start = System.nanoTime();
        faulty.put("k", NEW);
        // A lower bound only: a loaded machine can make the call slower, never faster.
        assertTrue(System.nanoTime() - start >= 200_000_000L, "the write waited out its delay");
        assertArrayEquals(NEW, below.get("k"));
    }

    @Test
    void anInterruptedDelayFailsTheCallAndKeepsTheInterrupt() throws InterruptedException {
        below.put("k", OLD);
        faulty.delay(Duration.ofMinutes(5), Operation.READ);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try {
                faulty.get("k");
            } catch (RuntimeException e) {
                failure.set(e);
                interrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        reader.start();
        while (reader.getState() != Thread.State.TIMED_WAITING) {
            Thread.sleep(1);
        }
        reader.interrupt();
        reader.join();
        assertTrue(failure.get() instanceof InjectedFault, "an interrupted delay fails with an injected fault: " + failure.get());
        assertTrue(interrupted.get(), "the interrupt flag is kept");
    }

    @Test
    void aLostDeleteIsAcknowledgedAndChangesNothing() {
        below.put("k", OLD);
        faulty.lose(Operation.DELETE);
        faulty.delete("k");
        faulty.deleteAll(List.of("k"));
        assertUntouched();
        assertEquals(2, faulty.injectedFaults());
        faulty.heal();
        faulty.delete("k");
        assertFalse(below.contains("k"));
    }

    @Test
    void aLostWriteIsAcknowledgedChangesNothingAndReadsItsData() throws IOException {
        below.put("k", OLD);
        faulty.lose(Operation.WRITE);
        faulty.put("k", NEW);
        InputStream data = new ByteArrayInputStream(NEW);
        faulty.put("k", data);
        assertEquals(0, data.available(), "the data of a lost put was read to its end");
        assertTrue(faulty.putIfAbsent("p", NEW), "a lost putIfAbsent reports success");
        assertTrue(faulty.compareAndSet("k", OLD, NEW), "a lost compareAndSet reports success");
        faulty.copy("k", "c");
        faulty.move("k", "m");
        assertUntouched();
        assertThrows(IllegalArgumentException.class, () -> faulty.lose(Operation.READ));
    }

    @Test
    void aFailureWinsOverALoss() {
        below.put("k", OLD);
        faulty.lose(Operation.DELETE).fail(Operation.DELETE);
        assertThrows(InjectedFault.class, () -> faulty.delete("k"));
        assertUntouched();
    }

    @Test
    void readsThatEndEarlyDeliverTheFirstBytesOnly() throws IOException {
        byte[] value = bytes(100);
        below.put("long", value);
        below.put("short", bytes(10));
        below.put("exact", bytes(40));
        faulty.truncateReads(40, Truncation.END_EARLY);
        byte[] first = Arrays.copyOf(value, 40);
        try (InputStream in = faulty.open("long")) {
            assertArrayEquals(first, in.readAllBytes());
        }
        assertArrayEquals(first, faulty.get("long"));
        assertArrayEquals(first, faulty.find("long").orElseThrow());
        assertArrayEquals(first, faulty.getAll(List.of("long")).get("long"));
        assertArrayEquals(bytes(10), faulty.get("short"), "a shorter value is whole");
        try (InputStream in = faulty.open("exact")) {
            assertArrayEquals(bytes(40), in.readAllBytes(), "a value of exactly the limit is whole");
        }
        assertEquals(100, faulty.size("long"), "the size is the store's");
    }

    @Test
    void readsThatBreakMidwayThrowAfterTheFirstBytes() throws IOException {
        byte[] value = bytes(100);
        below.put("long", value);
        below.put("exact", bytes(40));
        faulty.truncateReads(40, Truncation.THROW);
        try (InputStream in = faulty.open("long")) {
            assertArrayEquals(Arrays.copyOf(value, 40), in.readNBytes(40));
            assertThrows(IOException.class, in::read);
        }
        assertThrows(InjectedFault.class, () -> faulty.get("long"));
        assertThrows(InjectedFault.class, () -> faulty.find("long"));
        try (InputStream in = faulty.open("exact")) {
            assertArrayEquals(bytes(40), in.readAllBytes(), "a value of exactly the limit is whole");
        }
        faulty.heal();
        assertArrayEquals(value, faulty.get("long"));
    }

    @Test
    void aPutThatBreaksMidwayFailsAndTheStoreBelowKeepsTheOldValue() {
        below.put("k", OLD);
        faulty.failPutsAfter(4);
        assertThrows(KvException.class, () -> faulty.put("k", NEW));
        assertThrows(KvException.class, () -> faulty.put("k", new ByteArrayInputStream(NEW)));
        assertThrows(KvException.class, () -> faulty.put("fresh", NEW));
        assertUntouched();
        faulty.put("four", "four".getBytes());
        assertArrayEquals("four".getBytes(), below.get("four"), "a value of exactly the limit is stored");
        assertEquals(3, faulty.injectedFaults());
    }

    @Test
    void callsAreCountedPerKind() {
        faulty.put("k", OLD);
        faulty.get("k");
        faulty.getAll(List.of("k", "absent"));
        faulty.delete("k");
        faulty.keys("").close();
        assertEquals(1, faulty.calls(Operation.WRITE));
        assertEquals(2, faulty.calls(Operation.READ));
        assertEquals(1, faulty.calls(Operation.DELETE));
        assertEquals(1, faulty.calls(Operation.LIST));
        assertEquals(0, faulty.injectedFaults());
    }

    @Test
    void closingClosesTheStoreBelow() {
        faulty.close();
        assertThrows(IllegalStateException.class, () -> below.get("k"));
    }

    @Test
    void faultsCanBePlantedAndHealedWhileOtherThreadsCallTheStore() throws InterruptedException {
        below.put("k", OLD);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong served = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Throwable> wrong = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        Consumer<Thread> start = t -> {
            readers.add(t);
            t.start();
        };
        for (int i = 0; i < 4; i++) {
            start.accept(new Thread(() -> {
                while (running.get()) {
                    try {
                        byte[] value = faulty.get("k");
                        if (!Arrays.equals(OLD, value) && !Arrays.equals(Arrays.copyOf(OLD, 3), value)) {
                            wrong.set(new AssertionError("read " + new String(value)));
                        }
                        served.incrementAndGet();
                    } catch (InjectedFault e) {
                        failed.incrementAndGet();
                    } catch (RuntimeException | Error e) {
                        wrong.set(e);
                    }
                }
            }));
        }
        // Toggle until the readers have met both states many times, however the threads are scheduled.
        for (int round = 0; round < 200 || served.get() < 100 || failed.get() < 100; round++) {
            faulty.fail(Operation.READ);
            faulty.heal();
            faulty.truncateReads(3, Truncation.END_EARLY);
            faulty.failRandomly(0.5, Operation.READ);
            faulty.heal();
        }
        running.set(false);
        for (Thread reader : readers) {
            reader.join();
        }
        assertEquals(null, wrong.get(), "every read returned the value, its truncation or an injected fault");
        Map<String, byte[]> all = faulty.getAll(List.of("k"));
        assertArrayEquals(OLD, all.get("k"), "healed at the end");
    }
}
