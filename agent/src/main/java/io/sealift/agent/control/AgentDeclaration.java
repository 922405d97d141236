package io.sealift.agent.control;

import java.util.List;

/**
 * What the agent tells the control plane about itself in every Hello: its version and the names
 * (never the paths) of its endpoints. Immutable.
 *
 * @param version the agent's software version
 * @param sourceNames the names of the configured source endpoints
 * @param targetNames the names of the configured target endpoints
 */
public record AgentDeclaration(String version, List<String> sourceNames, List<String> targetNames) {
    /** Copies the lists, so the record stays immutable. */
    public AgentDeclaration {
        sourceNames = List.copyOf(sourceNames);
        targetNames = List.copyOf(targetNames);
    }
}
