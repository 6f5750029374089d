package org.kvcaches.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kvcaches.cli.KvRunner.kv;

import org.junit.jupiter.api.Test;

/** {@code kv info --options} lists every option of every installed scheme without opening a store. */
class InfoOptionsTest {

    @Test
    void listsEachSchemesOptionsWithTypeDefaultAndMeaning() {
        KvRunner.Result result = kv("info", "--options");

        assertEquals(0, result.code(), result::toString);
        assertTrue(result.out().contains("redis:, rediss:  (org.kvcaches.redis.RedisStoreProvider, org.kvcaches:kv-backend-redis)"),
                result::toString);
        assertTrue(result.out().matches("(?s).*\\n  timeout +duration 1ms\\.\\.24d +2s +bounds connecting, every reply and the wait for a pooled connection\\n.*"), result::toString);
        assertTrue(result.out().matches("(?s).*\\n  partSize +size 5MiB\\.\\.2047MiB +8MiB +multipart part size.*"), result::toString);
        for (String scheme : new String[] {"mem:", "heap:", "file:", "ram:, tmp:", "s3:"}) {
            assertTrue(result.out().contains("\n" + scheme + "  (") || result.out().startsWith(scheme + "  ("), scheme + " missing: " + result);
        }
    }

    @Test
    void listsTheCacheOptionsOfAChainsCacheTiers() {
        KvRunner.Result result = kv("info", "--options");

        assertTrue(result.out().contains("cache tiers of a chain (options named cache.*"), result::toString);
        for (String option : new String[] {"cache.maxCachedSize", "cache.writeThrough", "cache.entryTtl", "cache.negativeTtl",
            "cache.leaseTtl", "cache.leases", "cache.maxSuspects"}) {
            assertTrue(result.out().contains("\n  " + option + " "), option + " missing: " + result);
        }
    }

    @Test
    void opensNoStore() {
        KvRunner.Result result = kv("info", "--options", "--store", "redis://127.0.0.1:1/0?timeout=100ms");

        assertEquals(0, result.code(), result::toString);
        assertEquals("", result.stderr(), result::toString);
    }
}
