package org.kvcaches.redis;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.KvException;
import org.kvcaches.api.StoreUriException;
import org.kvcaches.api.spi.StoreUri;
import org.kvcaches.testservers.RedisTestServers;

/** {@code rediss:} against a TLS-only redis-server, and the mistakes users make with TLS and cluster mode. */
@Timeout(60)
class RedisTlsTest {

    /** Finds both servers first: without one the test is skipped, not failed inside an assertThrows. */
    @BeforeEach
    void serversAreThere() {
        tlsAddress();
        plainAddress();
    }

    private static String tlsAddress() {
        StoreUri uri = StoreUri.parse(RedisTestServers.tlsUri());
        return uri.host() + ":" + uri.port();
    }

    private static String plainAddress() {
        return RedisTestServers.standaloneUri().substring("redis://".length());
    }

    @Test
    void storeTrustsTheCaGivenByOptionCaCert() {
        try (KeyValueStore store = KeyValueStores.open("rediss://" + tlsAddress() + "/3?prefix=tls:&caCert="
                + RedisTestServers.certificates().ca())) {
            store.put("k", "v".getBytes(US_ASCII));
            assertArrayEquals("v".getBytes(US_ASCII), store.get("k"));
            store.delete("k");
        }
    }

    @Test
    void certificateSignedByAnotherCaIsReportedAsNotTrusted() {
        KvException e = assertThrows(KvException.class, () -> KeyValueStores.open("rediss://" + tlsAddress() + "/0?caCert="
                + RedisTestServers.certificates().otherCa()));
        assertTrue(e.getMessage().contains("certificate of Redis at " + tlsAddress() + " was not trusted"), e.getMessage());
        assertTrue(e.getMessage().contains("caCert"), e.getMessage());
        assertFalse(e.getMessage().contains("check that the server runs"), e.getMessage());
    }

    @Test
    void privateCaIsNotTrustedWithoutOptionCaCert() {
        KvException e = assertThrows(KvException.class, () -> KeyValueStores.open("rediss://" + tlsAddress() + "/0"));
        assertTrue(e.getMessage().contains("was not trusted"), e.getMessage());
    }

    @Test
    void tlsToAPlainPortSaysTheServerAnswersPlainRedis() {
        KvException e = assertThrows(KvException.class, () -> KeyValueStores.open("rediss://" + plainAddress() + "/0?timeout=2s&caCert="
                + RedisTestServers.certificates().ca()));
        assertTrue(e.getMessage().contains("answers plain Redis, not TLS; use redis: instead of rediss:"), e.getMessage());
    }

    @Test
    void plainRedisToATlsPortSaysTheServerSpeaksTls() {
        KvException e = assertThrows(KvException.class, () -> KeyValueStores.open("redis://" + tlsAddress() + "/0"));
        assertTrue(e.getMessage().contains("speaks TLS; use rediss: instead of redis:"), e.getMessage());
    }

    @Test
    void clusterTrueOnAStandaloneServerSaysItIsStandalone() {
        KvException e = assertThrows(KvException.class, () -> KeyValueStores.open("redis://" + plainAddress() + "?cluster=true"));
        assertTrue(e.getMessage().contains("cluster=true, but the server at " + plainAddress() + " is a standalone server"), e.getMessage());
    }

    @Test
    void caCertIsRefusedOnPlainRedis() {
        StoreUriException e = assertThrows(StoreUriException.class, () -> KeyValueStores.open("redis://" + plainAddress() + "/0?caCert="
                + RedisTestServers.certificates().ca()));
        assertTrue(e.getMessage().contains("'caCert'") && e.getMessage().contains("rediss:"), e.getMessage());
    }

    @Test
    void unreadableCaCertIsNamed() {
        StoreUriException e = assertThrows(StoreUriException.class,
                () -> KeyValueStores.open("rediss://" + tlsAddress() + "/0?caCert=/no/such/ca.pem"));
        assertTrue(e.getMessage().contains("'caCert'") && e.getMessage().contains("/no/such/ca.pem"), e.getMessage());
    }
}
