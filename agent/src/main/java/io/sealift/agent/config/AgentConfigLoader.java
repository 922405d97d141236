package io.sealift.agent.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sealift.agent.crypto.Fingerprint;
import io.sealift.agent.guard.FileRule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the agent's YAML config file into an {@link AgentConfig}, rejecting unknown keys and bad
 * values with an error that names the key and the rule. Stateless and thread-safe.
 */
public final class AgentConfigLoader {
    private static final Pattern ENDPOINT_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final long MAX_DELAY_MS = Duration.ofHours(1).toMillis();
    private static final Map<String, Level> LOG_LEVELS = Map.of(
            "error", Level.SEVERE, "warning", Level.WARNING, "info", Level.INFO, "debug", Level.FINE);

    private final YAMLMapper yaml = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * Reads and validates {@code file}.
     *
     * @throws ConfigException if the file cannot be read, is not YAML, or breaks a rule
     * @throws io.sealift.agent.guard.ExposedFileException if other users can read it, or anyone but
     *     its owner change it ({@link FileRule#CONFIG})
     */
    public AgentConfig load(Path file) {
        ConfigTree root = ConfigTree.root(file, read(file));
        root.allowOnly(Set.of("controlPlane", "stateDir", "keyEncryptionKeyFile", "logLevel", "sources", "targets"));
        return new AgentConfig(
                file,
                controlPlane(root.requiredObject("controlPlane")),
                absolutePath(root, "stateDir", root.requiredString("stateDir")),
                root.optionalString("keyEncryptionKeyFile").map(p -> absolutePath(root, "keyEncryptionKeyFile", p)),
                logLevel(root),
                sources(root.optionalObject("sources")),
                targets(root.optionalObject("targets")));
    }

    private JsonNode read(Path file) {
        try {
            FileRule.CONFIG.check("config", file);
            try (InputStream in = Files.newInputStream(file)) {
                return yaml.readTree(in);
            }
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, "file not found");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException(file, "not valid YAML" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file, "cannot read: " + e.getMessage());
        }
    }

    private static ControlPlaneConfig controlPlane(ConfigTree cp) {
        cp.allowOnly(Set.of("address", "caFingerprint", "reconnect"));
        ControlPlaneAddress address;
        try {
            address = ControlPlaneAddress.parse(cp.requiredString("address"));
        } catch (IllegalArgumentException e) {
            throw cp.error("address", e.getMessage());
        }
        Fingerprint ca = fingerprint(cp, "caFingerprint", cp.requiredString("caFingerprint"));
        return new ControlPlaneConfig(address, ca, reconnect(cp));
    }

    private static ReconnectPolicy reconnect(ConfigTree cp) {
        Optional<ConfigTree> section = cp.optionalObject("reconnect");
        if (section.isEmpty()) {
            return ReconnectPolicy.DEFAULT;
        }
        ConfigTree r = section.get();
        r.allowOnly(Set.of("initialDelayMs", "maxDelayMs"));
        long initial = delay(r, "initialDelayMs", ReconnectPolicy.DEFAULT.initialDelay());
        long max = delay(r, "maxDelayMs", ReconnectPolicy.DEFAULT.maxDelay());
        if (max < initial) {
            throw r.error("maxDelayMs", "must not be less than initialDelayMs (" + initial + ")");
        }
        return new ReconnectPolicy(Duration.ofMillis(initial), Duration.ofMillis(max));
    }

    private static long delay(ConfigTree tree, String key, Duration fallback) {
        long value = tree.optionalLong(key).orElse(fallback.toMillis());
        if (value < 1 || value > MAX_DELAY_MS) {
            throw tree.error(key, "must be between 1 and " + MAX_DELAY_MS + " milliseconds");
        }
        return value;
    }

    private static Level logLevel(ConfigTree root) {
        Optional<String> text = root.optionalString("logLevel");
        if (text.isEmpty()) {
            return Level.INFO;
        }
        Level level = LOG_LEVELS.get(text.get().toLowerCase(Locale.ROOT));
        if (level == null) {
            throw root.error("logLevel", "must be one of error, warning, info, debug");
        }
        return level;
    }

    private static SortedMap<String, SourceEndpoint> sources(Optional<ConfigTree> section) {
        SortedMap<String, SourceEndpoint> result = new TreeMap<>();
        section.map(ConfigTree::objectEntries).orElse(Map.of()).forEach((name, tree) -> {
            checkName(section.get(), name);
            tree.allowOnly(Set.of("path", "recipients", "exclude"));
            result.put(name, new SourceEndpoint(name, endpointPath(tree),
                    fingerprints(tree, "recipients"), globs(tree, "exclude")));
        });
        return result;
    }

    private static SortedMap<String, TargetEndpoint> targets(Optional<ConfigTree> section) {
        SortedMap<String, TargetEndpoint> result = new TreeMap<>();
        section.map(ConfigTree::objectEntries).orElse(Map.of()).forEach((name, tree) -> {
            checkName(section.get(), name);
            tree.allowOnly(Set.of("path", "senders"));
            result.put(name, new TargetEndpoint(name, endpointPath(tree), fingerprints(tree, "senders")));
        });
        return result;
    }

    private static void checkName(ConfigTree section, String name) {
        if (!ENDPOINT_NAME.matcher(name).matches()) {
            throw section.error(name, "is not a valid endpoint name: names must match " + ENDPOINT_NAME.pattern());
        }
    }

    private static Path endpointPath(ConfigTree tree) {
        return absolutePath(tree, "path", tree.requiredString("path"));
    }

    private static Path absolutePath(ConfigTree tree, String key, String text) {
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            throw tree.error(key, "is not a valid path");
        }
        if (!path.isAbsolute()) {
            throw tree.error(key, "must be an absolute path");
        }
        for (Path part : path) {
            if (part.toString().equals("..") || part.toString().equals(".")) {
                throw tree.error(key, "must not contain '.' or '..' segments");
            }
        }
        return path;
    }

    private static List<Fingerprint> fingerprints(ConfigTree tree, String key) {
        List<String> texts = tree.optionalStringList(key);
        List<Fingerprint> result = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            result.add(fingerprint(tree, key + "[" + i + "]", texts.get(i)));
        }
        return result;
    }

    private static Fingerprint fingerprint(ConfigTree tree, String key, String text) {
        if (!Fingerprint.isValid(text)) {
            throw tree.error(key, "must be " + Fingerprint.RULE);
        }
        return new Fingerprint(text);
    }

    private static List<String> globs(ConfigTree tree, String key) {
        List<String> globs = tree.optionalStringList(key);
        for (int i = 0; i < globs.size(); i++) {
            try {
                if (globs.get(i).isEmpty()) {
                    throw tree.error(key + "[" + i + "]", "must not be empty");
                }
                FileSystems.getDefault().getPathMatcher("glob:" + globs.get(i));
            } catch (PatternSyntaxException e) {
                throw tree.error(key + "[" + i + "]", "is not a valid glob: " + e.getDescription());
            }
        }
        return globs;
    }
}
