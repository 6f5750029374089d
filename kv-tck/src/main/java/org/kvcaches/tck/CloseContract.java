package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.kvcaches.tck.TestValues.bytes;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.kvcaches.api.KeyValueStore;

/** A closed store refuses every operation with {@link IllegalStateException}; close is idempotent. */
public interface CloseContract extends StoreContract {

    @Test
    default void everyOperationAfterCloseThrowsIllegalState(KeyValueStore store) {
        store.close();
        store.close();
        List<Executable> operations = List.of(() -> store.get("k"), () -> store.find("k"), () -> store.open("k"),
                () -> store.open("k", 0, 1), () -> store.contains("k"), () -> store.size("k"), () -> store.put("k", bytes("v")),
                () -> store.put("k", new ByteArrayInputStream(bytes("v"))), () -> store.delete("k"), () -> store.keys(""),
                () -> store.prefixes("", "/"), () -> store.copy("k", "j"), () -> store.move("k", "j"),
                () -> store.getAll(List.of("k")), () -> store.deleteAll(List.of("k")),
                () -> store.copyTo("k", java.io.OutputStream.nullOutputStream()));
        for (Executable operation : operations) {
            assertThrows(IllegalStateException.class, operation);
        }
    }
}
