package io.sealift.agent.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.logging.Level;

/**
 * The agent's configuration, read from one YAML file by {@link AgentConfigLoader}. Immutable.
 *
 * @param file the file it was read from, for messages
 * @param controlPlane where the control plane is and which CA it must present
 * @param stateDir the absolute directory holding keys, certificates and status
 * @param keyEncryptionKeyFile where the key-encryption key lives, if not the default
 * @param logLevel the level of the agent's own log messages
 * @param sources the source endpoints by name, sorted
 * @param targets the target endpoints by name, sorted
 */
public record AgentConfig(
        Path file,
        ControlPlaneConfig controlPlane,
        Path stateDir,
        Optional<Path> keyEncryptionKeyFile,
        Level logLevel,
        SortedMap<String, SourceEndpoint> sources,
        SortedMap<String, TargetEndpoint> targets) {

    /** Copies the maps, so the record stays immutable. */
    public AgentConfig {
        sources = Collections.unmodifiableSortedMap(new TreeMap<>(sources));
        targets = Collections.unmodifiableSortedMap(new TreeMap<>(targets));
    }
}
