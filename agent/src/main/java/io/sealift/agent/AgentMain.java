package io.sealift.agent;

import io.sealift.agent.cli.AgentCli;
import io.sealift.agent.cli.AgentEnvironment;

/** The entry point of the {@code sealift-agent} launcher: runs the CLI and exits with its code. */
public final class AgentMain {
    private AgentMain() {
    }

    /** Runs {@code sealift-agent} with {@code args}. */
    public static void main(String[] args) {
        System.exit(new AgentCli(AgentEnvironment.system()).execute(args));
    }
}
