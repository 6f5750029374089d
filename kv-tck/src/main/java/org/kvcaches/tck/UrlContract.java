package org.kvcaches.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.kvcaches.tck.TestValues.bytes;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.Capability;
import org.kvcaches.api.InvalidKeyException;
import org.kvcaches.api.KeyValueStore;

/** URLs for keys (capability {@link Capability#URL}). */
public interface UrlContract extends StoreContract {

    @Test
    @Requires(Capability.URL)
    default void urlIsGivenWithoutCheckingThatTheKeyExists(KeyValueStore store) {
        assertNotNull(store.url("not/written/yet"), "store.url(\"not/written/yet\") is not null");
    }

    @Test
    @Requires(Capability.URL)
    default void urlsOfDifferentKeysDiffer(KeyValueStore store) {
        assertNotEquals(store.url("a"), store.url("b"), "store.url(\"b\") differs from store.url(\"a\")");
        assertNotEquals(store.url("a"), store.url("a/b"), "store.url(\"a/b\") differs from store.url(\"a\")");
        assertNotEquals(store.url("%2F"), store.url("%252F"), "store.url(\"%252F\") differs from store.url(\"%2F\")");
    }

    @Test
    @Requires(Capability.URL)
    default void urlChecksTheKey(KeyValueStore store) {
        assertThrows(InvalidKeyException.class, () -> store.url("no spaces"), "store.url(\"no spaces\") throws InvalidKeyException");
    }

    @Test
    @Requires(Capability.URL)
    default void urlReadsTheValueWhereTheJdkCanOpenIt(KeyValueStore store) throws IOException {
        String key = "url/k%20ey#?";
        store.put(key, bytes("through a URL"));
        URI url = store.url(key);
        if (!url.getScheme().equals("file") && !url.getScheme().startsWith("http")) {
            return;
        }
        try (InputStream in = url.toURL().openStream()) {
            assertArrayEquals(bytes("through a URL"), in.readAllBytes(), "the value read through store.url(key)");
        }
    }
}
