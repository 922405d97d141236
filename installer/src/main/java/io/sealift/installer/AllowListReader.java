package io.sealift.installer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sealift.installer.AllowedPath.Access;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the agent's YAML config and derives the service's {@link AllowList}: every target (and a
 * state directory other than the unit's own) read-write, every source read-only.
 *
 * <p>It refuses a writable path that would undo the hardening: one that contains or lies in the
 * config directory, the agent's installation, {@code /usr} or {@code /boot} (so {@code /} and
 * {@code /etc} too), or lies in {@code /proc}, {@code /sys} or {@code /dev}. The agent itself
 * validates the rest of its config; this reads only what it needs. Stateless and thread-safe.
 */
public final class AllowListReader {
    /** The state directory the unit's {@code StateDirectory=} already makes writable. */
    public static final Path UNIT_STATE_DIR = Path.of("/var/lib/sealift-agent");

    private static final List<Path> PSEUDO_FILE_SYSTEMS = List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));

    private final YAMLMapper yaml = new YAMLMapper();
    private final List<Path> mustStayReadOnly;

    /**
     * Creates a reader.
     *
     * @param configDir the directory of the config file, as the service sees it
     * @param appHome the agent's installation directory, as the service sees it
     */
    public AllowListReader(Path configDir, Path appHome) {
        this.mustStayReadOnly = List.of(configDir, appHome, Path.of("/usr"), Path.of("/boot"));
    }

    /**
     * Parses {@code yamlText} (the config file's content) into an allow-list.
     *
     * @throws InvalidConfigException if it is not YAML or a path breaks a rule
     */
    public AllowList read(String yamlText) {
        JsonNode root;
        try {
            root = yaml.readTree(yamlText);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException("not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = MissingNode.getInstance();
        }
        List<AllowedPath> paths = new ArrayList<>();
        for (Map.Entry<String, JsonNode> target : entries(root, "targets")) {
            paths.add(writable(endpointPath(target, "targets"), "target \"" + target.getKey() + "\""));
        }
        stateDir(root).ifPresent(paths::add);
        for (Map.Entry<String, JsonNode> source : entries(root, "sources")) {
            paths.add(new AllowedPath(Access.READ_ONLY, endpointPath(source, "sources"),
                    "source \"" + source.getKey() + "\""));
        }
        return new AllowList(paths);
    }

    private Optional<AllowedPath> stateDir(JsonNode root) {
        JsonNode node = root.path("stateDir");
        if (!node.isTextual()) {
            return Optional.empty();
        }
        Path path = absolute(node.asText(), "stateDir");
        return path.equals(UNIT_STATE_DIR) ? Optional.empty()
                : Optional.of(writable(path, "stateDir"));
    }

    private AllowedPath writable(Path path, String reason) {
        for (Path kept : mustStayReadOnly) {
            if (kept.startsWith(path) || path.startsWith(kept)) {
                throw new InvalidConfigException(reason + ": path " + path + " may not be writable because it overlaps "
                        + kept + ", which must stay read-only for the agent");
            }
        }
        for (Path pseudo : PSEUDO_FILE_SYSTEMS) {
            if (path.startsWith(pseudo)) {
                throw new InvalidConfigException(reason + ": path " + path + " lies in " + pseudo
                        + ", which is not a place for data");
            }
        }
        return new AllowedPath(Access.READ_WRITE, path, reason);
    }

    private static List<Map.Entry<String, JsonNode>> entries(JsonNode root, String section) {
        JsonNode node = root.path(section);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new InvalidConfigException(section + ": must be a map of endpoint names to endpoints");
        }
        return List.copyOf(node.properties());
    }

    private static Path endpointPath(Map.Entry<String, JsonNode> endpoint, String section) {
        String key = section + "." + endpoint.getKey() + ".path";
        JsonNode path = endpoint.getValue().path("path");
        if (!path.isTextual()) {
            throw new InvalidConfigException(key + ": is required and must be a string");
        }
        return absolute(path.asText(), key);
    }

    private static Path absolute(String text, String key) {
        if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidConfigException(key + ": must not contain control characters");
        }
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            throw new InvalidConfigException(key + ": is not a valid path");
        }
        if (!path.isAbsolute()) {
            throw new InvalidConfigException(key + ": must be an absolute path, not " + text);
        }
        for (Path part : path) {
            if (part.toString().equals(".") || part.toString().equals("..")) {
                throw new InvalidConfigException(key + ": must not contain '.' or '..' segments: " + text);
            }
        }
        return path.normalize();
    }
}
