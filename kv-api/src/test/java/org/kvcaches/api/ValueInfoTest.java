package org.kvcaches.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValueInfoTest {

    @Test
    void aSizeAloneLeavesTheOtherFieldsEmpty() {
        ValueInfo info = ValueInfo.of(5);
        assertEquals(5, info.size());
        assertEquals(Optional.empty(), info.lastModified());
        assertEquals(Optional.empty(), info.version());
        assertEquals(info, ValueInfo.of(5, null, null));
    }

    @Test
    void equalFieldsMakeEqualValuesAndAnyDifferenceMatters() {
        Instant t = Instant.parse("2026-12-02T02:00:00Z");
        ValueInfo info = ValueInfo.of(3, t, "abc");
        assertEquals(ValueInfo.of(3, t, "abc"), info);
        assertEquals(ValueInfo.of(3, t, "abc").hashCode(), info.hashCode());
        assertNotEquals(ValueInfo.of(4, t, "abc"), info);
        assertNotEquals(ValueInfo.of(3, t.plusSeconds(1), "abc"), info);
        assertNotEquals(ValueInfo.of(3, t, "abd"), info);
        assertEquals("ValueInfo[size=3, lastModified=2026-12-02T02:00:00Z, version=abc]", info.toString());
        assertEquals("ValueInfo[size=3]", ValueInfo.of(3).toString());
    }

    @Test
    void aNegativeSizeOrAnEmptyVersionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ValueInfo.of(-1));
        assertThrows(IllegalArgumentException.class, () -> ValueInfo.of(1, null, ""));
        assertThrows(NullPointerException.class, () -> new ListedValue(null, ValueInfo.of(1)));
        assertThrows(NullPointerException.class, () -> new ListedValue("k", null));
    }
}
