package io.sealift.agent.control;

/**
 * Thrown when the control plane refuses the agent's control stream with
 * {@code PERMISSION_DENIED}: the agent was revoked and must be enrolled again.
 */
public final class AgentRevokedException extends RuntimeException {
    /** Creates the exception for agent {@code agentId} with the control plane's description. */
    public AgentRevokedException(String agentId, String description) {
        super("agent " + agentId + " was revoked by the control plane"
                + (description.isEmpty() ? "" : " (" + description + ")"));
    }
}
