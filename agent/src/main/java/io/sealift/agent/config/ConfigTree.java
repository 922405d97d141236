package io.sealift.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One YAML mapping of the config file together with its dotted key path, so every error can
 * name the full key ({@code sources.hr-share.path}). Immutable; package-private.
 */
final class ConfigTree {
    private final Path file;
    private final String path;
    private final JsonNode node;

    private ConfigTree(Path file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** Wraps the document root, which must be a mapping. */
    static ConfigTree root(Path file, JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new ConfigException(file, "file is empty");
        }
        if (!node.isObject()) {
            throw new ConfigException(file, "top level must be a mapping of keys to values");
        }
        return new ConfigTree(file, "", node);
    }

    /** Returns the full dotted name of {@code key} inside this mapping. */
    String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Returns an error naming {@code key} and what is wrong with it. */
    ConfigException error(String key, String problem) {
        return new ConfigException(file, keyPath(key) + " " + problem);
    }

    /** Rejects any key not in {@code allowed}, naming the first unknown one. */
    void allowOnly(Set<String> allowed) {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String name = entry.getKey();
            if (!allowed.contains(name)) {
                throw new ConfigException(file, "unknown key '" + keyPath(name) + "'");
            }
        }
    }

    /** Returns the string at {@code key}, or an error saying it is required. */
    String requiredString(String key) {
        return optionalString(key).orElseThrow(() -> error(key, "is required"));
    }

    /** Returns the string at {@code key}, empty if absent or null. */
    Optional<String> optionalString(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw error(key, "must be a string");
        }
        return Optional.of(value.asText());
    }

    /** Returns the integer at {@code key}, empty if absent or null. */
    Optional<Long> optionalLong(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw error(key, "must be a whole number");
        }
        return Optional.of(value.asLong());
    }

    /** Returns the list of strings at {@code key}, empty if absent or null. */
    List<String> optionalStringList(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw error(key, "must be a list of strings");
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw error(key + "[" + i + "]", "must be a string");
            }
            result.add(value.get(i).asText());
        }
        return result;
    }

    /** Returns the mapping at {@code key}, or an error saying it is required. */
    ConfigTree requiredObject(String key) {
        return optionalObject(key).orElseThrow(() -> error(key, "is required"));
    }

    /** Returns the mapping at {@code key}, empty if absent or null. */
    Optional<ConfigTree> optionalObject(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw error(key, "must be a mapping");
        }
        return Optional.of(new ConfigTree(file, keyPath(key), value));
    }

    /** Returns the entries of this mapping, each value as a mapping, in file order. */
    Map<String, ConfigTree> objectEntries() {
        Map<String, ConfigTree> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isObject()) {
                throw error(entry.getKey(), "must be a mapping");
            }
            result.put(entry.getKey(), new ConfigTree(file, keyPath(entry.getKey()), entry.getValue()));
        }
        return result;
    }
}
