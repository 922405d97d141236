package io.sealift.control.agents;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.sealift.control.api.ProblemException;
import io.sealift.control.audit.AuditEntry;
import io.sealift.control.audit.AuditLog;
import io.sealift.control.auth.Caller;
import io.sealift.control.auth.Role;
import io.sealift.control.tenants.TenantScope;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Lists, shows and revokes a tenant's agents on behalf of REST callers.
 *
 * <p>Thread-safe. Auditors and up read; owners (and platform admins) revoke. Revoking publishes
 * an {@link AgentRevokedEvent}, on which the gRPC side closes the agent's streams.
 */
@Singleton
public class AgentService {
    private final AgentRepository agents;
    private final AgentEndpointRepository endpoints;
    private final AgentPresence presence;
    private final TenantScope scope;
    private final AuditLog audit;
    private final ApplicationEventPublisher<AgentRevokedEvent> revocations;
    private final Clock clock;

    /** Creates the service. */
    public AgentService(AgentRepository agents, AgentEndpointRepository endpoints, AgentPresence presence,
            TenantScope scope, AuditLog audit, ApplicationEventPublisher<AgentRevokedEvent> revocations,
            Clock clock) {
        this.agents = agents;
        this.endpoints = endpoints;
        this.presence = presence;
        this.scope = scope;
        this.audit = audit;
        this.revocations = revocations;
        this.clock = clock;
    }

    /** Lists a tenant's agents, oldest first. */
    public List<AgentView> list(Caller caller, UUID tenantId) {
        scope.require(caller, tenantId, Role.AUDITOR);
        Map<UUID, List<AgentEndpoint>> declared = endpoints.findByTenantId(tenantId).stream()
                .collect(Collectors.groupingBy(e -> e.id().agentId()));
        return agents.findByTenantIdOrderByEnrolledAt(tenantId).stream()
                .map(agent -> view(agent, declared.getOrDefault(agent.id(), List.of())))
                .toList();
    }

    /** Returns one of a tenant's agents; 404 if it is not the tenant's. */
    public AgentView get(Caller caller, UUID tenantId, UUID agentId) {
        scope.require(caller, tenantId, Role.AUDITOR);
        Agent agent = find(tenantId, agentId);
        return view(agent, endpoints.findByAgentId(agentId));
    }

    /** Revokes one of a tenant's agents; revoking it again changes nothing. */
    public void revoke(Caller caller, UUID tenantId, UUID agentId) {
        scope.require(caller, tenantId, Role.OWNER);
        find(tenantId, agentId);
        long changed = agents.revoke(agentId, clock.instant().truncatedTo(ChronoUnit.MICROS));
        revocations.publishEvent(new AgentRevokedEvent(agentId));
        audit.record(new AuditEntry(tenantId, caller.actor(), "agent.revoke", "agent:" + agentId, "success",
                caller.correlationId(), changed == 0 ? Map.of("already-revoked", "true") : Map.of()));
    }

    private Agent find(UUID tenantId, UUID agentId) {
        return agents.findByIdAndTenantId(agentId, tenantId)
                .orElseThrow(() -> ProblemException.notFound("agent " + agentId));
    }

    private AgentView view(Agent agent, List<AgentEndpoint> declared) {
        return new AgentView(agent.id(), agent.name(), presence.status(agent), agent.lastSeen(), agent.version(),
                agent.fingerprint(), agent.enrolledAt(), agent.revokedAt() != null,
                AgentView.Endpoints.of(declared));
    }
}
