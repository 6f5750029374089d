package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kvcaches.tck.TestValues.bytes;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.kvcaches.api.InvalidKeyException;
import org.kvcaches.api.KeyNotFoundException;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KvException;

/** Exception types and messages: the right class, the key named, no secret anywhere. */
public interface ErrorContract extends StoreContract {

    @Test
    default void exceptionTypesFollowTheHierarchy() {
        assertTrue(RuntimeException.class.isAssignableFrom(KvException.class), "RuntimeException.class.isAssignableFrom(KvException.class)");
        assertTrue(KvException.class.isAssignableFrom(KeyNotFoundException.class), "KvException.class.isAssignableFrom(KeyNotFoundException.class)");
        assertTrue(IllegalArgumentException.class.isAssignableFrom(InvalidKeyException.class), "IllegalArgumentException.class.isAssignableFrom(InvalidKeyException.class)");
    }

    @Test
    default void toStringNamesTheStoreWithoutSecrets(KeyValueStore store, StoreFixture fixture) {
        String shown = store.toString();
        assertFalse(shown.isBlank(), "toString() describes the store");
        for (String secret : fixture.secrets()) {
            assertFalse(shown.contains(secret), "toString() shows a secret: " + shown);
        }
    }

    @Test
    default void errorMessagesNameTheKeyAndHoldNoSecret(KeyValueStore store, StoreFixture fixture) {
        List<Executable> failing = new ArrayList<>(List.of(() -> store.get("missing/key"), () -> store.open("missing/key"),
                () -> store.copy("missing/key", "x"), () -> store.move("missing/key", "x"), () -> store.size("missing/key"),
                () -> store.get("bad key"), () -> store.put("bad key", bytes("v"))));
        for (Executable call : failing) {
            Throwable thrown = null;
            try {
                call.execute();
            } catch (Throwable t) {
                thrown = t;
            }
            assertTrue(thrown instanceof KeyNotFoundException || thrown instanceof InvalidKeyException, "thrown: " + thrown);
            String message = thrown.getMessage();
            assertTrue(message.contains("missing/key") || message.contains("bad key"), "the message names the key: " + message);
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                for (String secret : fixture.secrets()) {
                    assertFalse(String.valueOf(t.getMessage()).contains(secret), "a message shows a secret: " + t.getMessage());
                }
            }
        }
    }
}
