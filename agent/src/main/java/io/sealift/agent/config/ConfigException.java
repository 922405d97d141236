package io.sealift.agent.config;

import java.nio.file.Path;

/**
 * Thrown when the agent's config file cannot be read or breaks a rule. The message names the
 * file and the offending key, for example
 * {@code config /etc/sealift/agent.yaml: unknown key 'controlPlane.adress'}.
 */
public final class ConfigException extends RuntimeException {
    /** Creates the exception for {@code file}; {@code problem} names the key and the rule. */
    public ConfigException(Path file, String problem) {
        super("config " + file + ": " + problem);
    }
}
