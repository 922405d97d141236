package io.sealift.audit.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The canonical JSON form: fixed vectors for writing, strictness for parsing. */
class CanonicalJsonTest {

    @Test
    void write_sortsKeys_andLeavesNoWhitespace() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("z", 1L);
        object.put("a", Map.of("y", "2", "b", "1"));
        object.put("m", null);

        assertEquals("{\"a\":{\"b\":\"1\",\"y\":\"2\"},\"m\":null,\"z\":1}", CanonicalJson.write(object));
    }

    @Test
    void write_escapesQuotesBackslashesAndControlCharacters_only() {
        assertEquals("{\"s\":\"\\\"\\\\\\u0000\\u000a\\u001f é€😀/\"}",
                CanonicalJson.write(Map.of("s", "\"\\\u0000\n\u001f é€😀/")));
    }

    @Test
    void write_integersAsPlainDecimals() {
        assertEquals("{\"a\":-12,\"b\":0,\"c\":9223372036854775807}",
                CanonicalJson.write(Map.of("a", -12L, "b", 0, "c", Long.MAX_VALUE)));
    }

    @Test
    void write_refusesValuesWithoutACanonicalForm() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(Map.of("f", 1.5)));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(Map.of("b", true)));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(Map.of("s", "\ud800")));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(Map.of("ké", "x")));
    }

    @Test
    void parse_thenWrite_reproducesACanonicalLine() throws FormatException {
        String line = "{\"a\":{\"b\":null},\"n\":-3,\"s\":\"\\u0001é\\\"\"}";

        assertEquals(line, CanonicalJson.write(CanonicalJson.parseObject(line)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{\"a\":1}x", "{\"a\":1}{}", "{\"a\":1,\"a\":2}", "{\"a\":1.0}", "{\"a\":true}",
        "{\"a\":[1]}", "{\"a\":99999999999999999999}", "{a:1}", "{\"a\":01}", "{\"a\":'x'}", "{\"a\":1,}"})
    void parse_refusesAnythingButOneObjectOfStringsIntegersNullsAndObjects(String text) {
        assertThrows(FormatException.class, () -> CanonicalJson.parseObject(text));
    }
}
