package io.sealift.audit.format;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Typed access to the members of a parsed export line, failing with a {@link FormatException}
 * that names the member. Not thread-safe; used for one line.
 */
final class Fields {
    private final Map<String, Object> object;

    private Fields(Map<String, Object> object) {
        this.object = object;
    }

    /** Wraps {@code object}, requiring exactly the members {@code names}. */
    static Fields exactly(Map<String, Object> object, Set<String> names) throws FormatException {
        if (!object.keySet().equals(names)) {
            Set<String> unexpected = new TreeSet<>(object.keySet());
            unexpected.removeAll(names);
            Set<String> missing = new TreeSet<>(names);
            missing.removeAll(object.keySet());
            throw new FormatException("members differ from the format: missing " + missing + ", unexpected "
                    + unexpected);
        }
        return new Fields(object);
    }

    String string(String name) throws FormatException {
        if (!(object.get(name) instanceof String value)) {
            throw new FormatException(name + " must be a string");
        }
        return value;
    }

    String nullableString(String name) throws FormatException {
        return object.get(name) == null ? null : string(name);
    }

    long integer(String name) throws FormatException {
        if (!(object.get(name) instanceof Long value)) {
            throw new FormatException(name + " must be an integer");
        }
        return value;
    }

    void requireConstant(String name, Object expected) throws FormatException {
        if (!expected.equals(object.get(name))) {
            throw new FormatException(name + " must be " + expected);
        }
    }

    Map<String, String> stringMap(String name) throws FormatException {
        if (!(object.get(name) instanceof Map<?, ?> map)) {
            throw new FormatException(name + " must be an object");
        }
        TreeMap<String, String> strings = new TreeMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getValue() != null && !(entry.getValue() instanceof String)) {
                throw new FormatException(name + "." + entry.getKey() + " must be a string or null");
            }
            strings.put((String) entry.getKey(), (String) entry.getValue());
        }
        return strings;
    }
}
