package org.kvcaches.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyEncodingTest {

    @Test
    void plainLowerCaseNamesStayReadable() {
        assertEquals("images", KeyEncoding.encode("images"));
        assertEquals("photo-1_a.jpg", KeyEncoding.encode("photo-1_a.jpg"));
        assertEquals("a~/b~/c", KeyEncoding.valuePath("a/b/c"));
        assertEquals("a~/b~", KeyEncoding.folderPath("a/b/"));
    }

    @Test
    void upperCaseAndSpecialCharactersAreEscaped() {
        assertEquals("%4Bey", KeyEncoding.encode("Key"));
        assertEquals("a%3Ab%5Cc%2A%3F%25", KeyEncoding.encode("a:b\\c*?%"));
    }

    @Test
    void windowsHazardsAreEscaped() {
        assertEquals("%63on", KeyEncoding.encode("con"));
        assertEquals("%6Eul.txt", KeyEncoding.encode("nul.txt"));
        assertEquals("%43%4F%4D1", KeyEncoding.encode("COM1"));
        assertEquals("trailing%2E", KeyEncoding.encode("trailing."));
        assertEquals("console", KeyEncoding.encode("console"));
    }

    @Test
    void decodeInvertsEncodeAndRejectsForeignNames() {
        for (char c = 0x21; c <= 0x7E; c++) {
            if (c != '/') {
                String segment = "x" + c + c;
                assertEquals(segment, KeyEncoding.decode(KeyEncoding.encode(segment)));
            }
        }
        assertNull(KeyEncoding.decode("~tmp-123"));
        assertNull(KeyEncoding.decode("bad%zz"));
        assertNull(KeyEncoding.decode("cut%4"));
    }

    @Test
    void namesTheEncodingDoesNotMakeAreNotKeys() {
        assertNull(KeyEncoding.decode("Key"), "a literal upper-case letter");
        assertNull(KeyEncoding.decode("%4bey"), "a lower-case escape");
        assertNull(KeyEncoding.decode("%61"), "an escaped plain character");
        assertNull(KeyEncoding.decode("con"), "a bare device name");
        assertNull(KeyEncoding.decode("dot."), "a trailing dot");
        assertEquals("%6Cpt0", KeyEncoding.encode("lpt0"));
    }

    @Test
    void encodingIsInjectiveEvenUnderCaseFolding() {
        Random random = new Random(1);
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            int length = 1 + random.nextInt(4);
            StringBuilder segment = new StringBuilder();
            for (int j = 0; j < length; j++) {
                segment.append((char) (0x21 + random.nextInt(0x7E - 0x21 + 1)));
            }
            String s = segment.toString();
            if (s.contains("/")) {
                continue;
            }
            String folded = KeyEncoding.encode(s).toLowerCase(Locale.ROOT);
            String before = seen.putIfAbsent(folded, s);
            assertTrue(before == null || before.equals(s), "'" + before + "' and '" + s + "' fold to one name " + folded);
            assertTrue(!folded.contains("~") && !folded.contains("/"), folded);
        }
    }
}
