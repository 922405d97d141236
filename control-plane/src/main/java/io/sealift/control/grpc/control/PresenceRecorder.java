package io.sealift.control.grpc.control;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.sealift.control.agents.AgentEndpointRepository;
import io.sealift.control.agents.AgentRepository;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Records agents' presence in the store: declared endpoints, connected flag, last-seen time.
 * Thread-safe; callers keep the order of writes for one agent (see {@link AgentConnections}).
 */
@Singleton
public class PresenceRecorder {
    private final AgentRepository agents;
    private final AgentEndpointRepository endpoints;

    /** Creates the presence recorder over its repositories. */
    public PresenceRecorder(AgentRepository agents, AgentEndpointRepository endpoints) {
        this.agents = agents;
        this.endpoints = endpoints;
    }

    /** Replaces the agent's declared endpoint names and marks it connected, in one transaction. */
    @Transactional
    public void connected(UUID agentId, @Nullable String version, List<String> sources, List<String> targets,
            Instant now) {
        endpoints.deleteByAgentId(agentId);
        sources.forEach(name -> endpoints.insert(agentId, "source", name));
        targets.forEach(name -> endpoints.insert(agentId, "target", name));
        agents.markConnected(agentId, now, version);
    }

    /**
     * Records a heartbeat and returns whether the agent may stay connected: false once it is
     * revoked (which may have happened on another replica) or gone.
     */
    public boolean heartbeat(UUID agentId, Instant now) {
        agents.touch(agentId, now);
        return agents.findById(agentId).map(agent -> agent.revokedAt() == null).orElse(false);
    }

    /** Marks the agent disconnected. */
    public void disconnected(UUID agentId, Instant now) {
        agents.markDisconnected(agentId, now);
    }
}
