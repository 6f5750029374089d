package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.kvcaches.tck.TestValues.bytes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.kvcaches.api.KeyValueStore;

/** A closed store refuses every operation with {@link IllegalStateException}; close is idempotent. */
public interface CloseContract extends StoreContract {

    @Test
    default void everyOperationAfterCloseThrowsIllegalState(KeyValueStore store) throws IOException {
        Path dir = Files.createTempDirectory("kv-tck-closed");
        try {
            assertEveryOperationThrowsIllegalState(store, dir.resolve("target.bin"));
        } finally {
            Files.deleteIfExists(dir.resolve("target.bin"));
            Files.delete(dir);
        }
    }

    private static void assertEveryOperationThrowsIllegalState(KeyValueStore store, Path file) {
        store.close();
        store.close();
        List<Executable> operations = List.of(() -> store.get("k"), () -> store.find("k"), () -> store.open("k"),
                () -> store.open("k", 0, 1), () -> store.contains("k"), () -> store.size("k"), () -> store.stat("k"),
                () -> store.put("k", bytes("v")), () -> store.put("k", new ByteArrayInputStream(bytes("v"))),
                () -> store.delete("k"), () -> store.keys(""), () -> store.list(""),
                () -> store.prefixes("", "/"), () -> store.copy("k", "j"), () -> store.move("k", "j"),
                () -> store.getAll(List.of("k")), () -> store.deleteAll(List.of("k")),
                () -> store.copyTo("k", java.io.OutputStream.nullOutputStream()),
                () -> store.copyTo("k", file), () -> store.put("k", file),
                () -> store.put("k", bytes("v"), java.time.Duration.ofSeconds(5)), () -> store.putIfAbsent("k", bytes("v")),
                () -> store.compareAndSet("k", bytes("v"), bytes("w")), () -> store.url("k"));
        for (int i = 0; i < operations.size(); i++) {
            // The closed check comes first, even before capability checks: a closed store does nothing.
            assertThrows(IllegalStateException.class, operations.get(i), "operation " + i + " (of " + operations.size() + ") on a closed store throws IllegalStateException");
        }
    }
}
