package io.sealift.control.agents;

import java.util.UUID;

/**
 * Published after an agent is revoked, so live connections of that agent are closed.
 *
 * @param agentId the revoked agent
 */
public record AgentRevokedEvent(UUID agentId) {
}
