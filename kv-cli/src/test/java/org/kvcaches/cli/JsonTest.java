package org.kvcaches.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class JsonTest {
    private static final ObjectMapper PARSER = new ObjectMapper();

    @Test
    void stringsWithQuotesBackslashesAndControlCharactersParseBackUnchanged() {
        String tricky = "a \"quoted\" \\ path\n\t\r\b\f \u0000 \u001f \u2028 é | heap://?x=1";

        JsonNode parsed = PARSER.readTree(Json.write(Map.of("s", tricky)));

        assertEquals(tricky, parsed.get("s").asText());
    }

    @Test
    void numbersBooleansNullsListsAndNestedObjectsKeepTheirValuesAndOrder() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1L);
        inner.put("a", 2.5);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("int", 42);
        outer.put("long", Long.MAX_VALUE);
        outer.put("double", 0.1);
        outer.put("whole", 3.0);
        outer.put("nan", Double.NaN);
        outer.put("flag", true);
        outer.put("nothing", null);
        outer.put("list", Arrays.asList(1, "two", null));
        outer.put("inner", inner);

        String text = Json.write(outer);
        JsonNode parsed = PARSER.readTree(text);

        assertEquals(42, parsed.get("int").asInt());
        assertEquals(Long.MAX_VALUE, parsed.get("long").asLong());
        assertEquals(0.1, parsed.get("double").asDouble());
        assertEquals(3.0, parsed.get("whole").asDouble());
        assertEquals(true, parsed.get("nan").isNull());
        assertEquals(true, parsed.get("flag").asBoolean());
        assertEquals(true, parsed.get("nothing").isNull());
        assertEquals("two", parsed.get("list").get(1).asText());
        assertEquals(List.of("z", "a"), List.copyOf(parsed.get("inner").propertyNames()));
    }
}
