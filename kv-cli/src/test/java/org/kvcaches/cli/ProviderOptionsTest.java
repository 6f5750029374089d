package org.kvcaches.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.StoreUriException;
import org.kvcaches.api.internal.ProviderRegistry;
import org.kvcaches.api.spi.StoreOption;
import org.kvcaches.api.spi.StoreProvider;

/** The options of every installed provider, checked through their descriptors before anything is opened. */
class ProviderOptionsTest {

    /** Every option of every scheme, and the cache options of chains. */
    private static List<StoreOption<?>> everyOption() {
        ProviderRegistry registry = ProviderRegistry.current();
        List<StoreOption<?>> all = new ArrayList<>(registry.composerOptions().values());
        for (StoreProvider provider : registry.providers()) {
            for (String scheme : provider.schemes()) {
                all.addAll(registry.options(provider, scheme).values());
            }
        }
        return all;
    }

    @Test
    void everySizeAndDurationOptionRefusesNegativesAndOverflow() {
        for (StoreOption<?> option : everyOption()) {
            List<String> bad = switch (option.type()) {
                case SIZE -> List.of("-1", "99999999999999999999", "9999999TiB");
                case DURATION -> List.of("-1s", "PT-1S", "9999999999999d", "99999999999999999999ms");
                default -> List.of();
            };
            for (String text : bad) {
                assertThrows(IllegalArgumentException.class, () -> option.parse(text), option + " took " + text);
            }
        }
    }

    /** Zero would mean "forever" or "nothing" for a timeout or an age; only a wait may be zero ("do not wait"). */
    @Test
    void onlyTheDurationsWhereZeroMeansSomethingTakeIt() {
        List<String> takingZero = new ArrayList<>();
        for (StoreOption<?> option : everyOption()) {
            if (option.type() == StoreOption.Type.DURATION) {
                try {
                    option.parse("0ms");
                    takingZero.add(option.name());
                } catch (IllegalArgumentException expected) {
                    // refused, as it should be
                }
            }
        }
        assertEquals(List.of("cache.leaseWait"), takingZero);
    }

    @Test
    void everyDocumentedDefaultIsAValueTheOptionTakes() {
        for (StoreOption<?> option : everyOption()) {
            option.defaultValue().ifPresent(value -> assertEquals(value, option.parse(option.defaultText()), option.toString()));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "redis://127.0.0.1:1/0?timeout=9999999999999d; timeout; a duration from 1ms to 24d",
        "redis://127.0.0.1:1/0?timeout=0ms; timeout; a duration from 1ms to 24d",
        "redis://127.0.0.1:1/0?pool=0; pool; a whole number from 1 to 10000",
        "redis://127.0.0.1:1/0?maxValueSize=0; maxValueSize; a size from 1B",
        "s3://b?endpoint=http://127.0.0.1:1&timeout=0ms; timeout; a duration from 1ms to 24d",
        "s3://b?endpoint=http://127.0.0.1:1&partSize=2GiB; partSize; a size from 5MiB to 2047MiB",
        "s3://b?endpoint=http://127.0.0.1:1&pageSize=1001; pageSize; a whole number from 1 to 1000",
        "s3://b?endpoint=http://127.0.0.1:1&urlExpiry=8d; urlExpiry; a duration from 1s to 7d",
        "s3://b?endpoint=ftp://h; endpoint; a value such as http://localhost:9000",
        "s3://b?endpoint=http://127.0.0.1:1&storageClass=COLD; storageClass; one of ",
        "file:///tmp/kv-never?permissions=everyone; permissions; a value such as rw-r-----",
        "heap://?expireAfterWrite=0s; expireAfterWrite; a duration from 1ms to 365d",
        "heap://?cache.entryTtl=5m | redis://127.0.0.1:1/0?cache.leaseTtl=0s | file:///tmp/kv-never; cache.leaseTtl; a duration from 1ms"})
    void aBadValueIsRefusedNamingTheOptionBeforeAnythingIsOpened(String uri, String option, String expected) {
        StoreUriException e = assertThrows(StoreUriException.class, () -> KeyValueStores.open(uri));
        assertTrue(e.getMessage().contains("option '" + option + "'") && e.getMessage().contains("expected " + expected), e.getMessage());
    }

    @Test
    void theDriftTheIssueFoundIsGone() {
        Map<String, StoreOption<?>> s3 = options("s3");
        assertEquals("size 5MiB..2047MiB", s3.get("partSize").typeText());
        assertTrue(s3.containsKey("pageSize"));
        assertEquals("512MiB", options("redis").get("maxValueSize").defaultText());
    }

    private static Map<String, StoreOption<?>> options(String scheme) {
        ProviderRegistry registry = ProviderRegistry.current();
        return registry.options(registry.provider(scheme, scheme + ":"), scheme);
    }
}
