package io.sealift.audit.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical JSON form of the audit export: one fixed byte sequence for each value, so that a
 * hash or a signature over it is reproducible by anyone.
 *
 * <p>The rules: an object is written as {@code {}} around its members sorted by key (keys are
 * ASCII, so this is byte order), members as {@code "key":value} separated by {@code ,}, no
 * whitespace anywhere. Values are strings, integers (decimal, no leading zeros, no exponent),
 * {@code null} or objects; nothing else. In strings, {@code "} and {@code \} are escaped with a
 * backslash, characters below U+0020 as {@code \}{@code u00xx} (lowercase hex), and everything
 * else is written as itself; the text is then encoded as UTF-8.
 *
 * <p>Stateless and thread-safe. Parsing is strict: duplicate keys, trailing characters,
 * fractions, booleans and arrays are refused. Whether a line is canonical is checked by writing
 * what was parsed and comparing.
 */
public final class CanonicalJson {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private CanonicalJson() {
    }

    /**
     * Writes {@code object} in canonical form.
     *
     * @throws IllegalArgumentException for a value that has no canonical form (a fraction, a
     *     boolean, a list) or a string with an unpaired surrogate
     */
    public static String write(Map<String, ?> object) {
        StringBuilder out = new StringBuilder(512);
        writeObject(out, object);
        return out.toString();
    }

    /**
     * Parses one JSON object, keeping its members in the order they appear.
     *
     * @throws FormatException if {@code text} is not exactly one JSON object of strings,
     *     integers, nulls and objects
     */
    public static Map<String, Object> parseObject(String text) throws FormatException {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new FormatException("not a JSON object");
            }
            Map<String, Object> object = readObject(parser);
            if (parser.nextToken() != null) {
                throw new FormatException("characters follow the JSON object");
            }
            return object;
        } catch (JsonProcessingException e) {
            throw new FormatException("not valid JSON");
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    private static Map<String, Object> readObject(JsonParser parser) throws IOException, FormatException {
        Map<String, Object> object = new LinkedHashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            object.put(name, readValue(parser, parser.nextToken()));
        }
        return object;
    }

    private static Object readValue(JsonParser parser, JsonToken token) throws IOException, FormatException {
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NULL -> null;
            case START_OBJECT -> readObject(parser);
            case VALUE_NUMBER_INT -> readLong(parser);
            default -> throw new FormatException("values may only be strings, integers, nulls and objects");
        };
    }

    private static long readLong(JsonParser parser) throws IOException, FormatException {
        JsonParser.NumberType type = parser.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
            throw new FormatException("an integer is outside the signed 64-bit range");
        }
        return parser.getLongValue();
    }

    private static void writeObject(StringBuilder out, Map<?, ?> object) {
        TreeMap<String, Object> sorted = new TreeMap<>();
        object.forEach((key, value) -> sorted.put(requireAsciiKey(key), value));
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> member : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(out, member.getKey());
            out.append(':');
            writeValue(out, member.getValue());
        }
        out.append('}');
    }

    private static void writeValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            writeString(out, text);
        } else if (value instanceof Long || value instanceof Integer) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Map<?, ?> object) {
            writeObject(out, object);
        } else {
            throw new IllegalArgumentException("canonical JSON has no form for a " + value.getClass().getSimpleName()
                    + "; only strings, integers, nulls and objects");
        }
    }

    private static void writeString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("a string holds an unpaired surrogate at index " + i
                        + "; it has no UTF-8 form");
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static String requireAsciiKey(Object key) {
        if (!(key instanceof String name) || name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("object keys must be non-empty printable ASCII strings");
        }
        return name;
    }
}
