package io.sealift.agent.cli;

import io.sealift.agent.cli.internal.ConsoleLogging;
import io.sealift.agent.config.AgentConfig;
import io.sealift.agent.config.AgentConfigLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every subcommand shares: the config file and verbosity. A picocli mixin. */
final class ConfigOptions {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The agent's YAML config file.")
    Path config;

    @Option(names = {"-v", "--verbose"}, description = "Log debug messages and show stack traces of errors.")
    boolean verbose;

    /** Reads and validates the config file, then sets up logging at its level. */
    AgentConfig load(AgentEnvironment environment) {
        AgentConfig loaded = new AgentConfigLoader().load(config);
        ConsoleLogging.install(environment.err(), loaded.logLevel(), verbose);
        return loaded;
    }
}
