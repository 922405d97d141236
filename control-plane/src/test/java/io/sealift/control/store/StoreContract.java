package io.sealift.control.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.control.agents.Agent;
import io.sealift.control.agents.AgentEndpoint;
import io.sealift.control.agents.AgentEndpointRepository;
import io.sealift.control.agents.AgentRepository;
import io.sealift.control.audit.AuditEntry;
import io.sealift.control.audit.AuditEvent;
import io.sealift.control.audit.AuditEventRepository;
import io.sealift.control.audit.AuditLog;
import io.sealift.control.enrollment.EnrollmentToken;
import io.sealift.control.enrollment.EnrollmentTokenRepository;
import io.sealift.control.secrets.IssuedSecret;
import io.sealift.control.tenants.Tenant;
import io.sealift.control.tenants.TenantRepository;
import io.sealift.control.testing.StoredAgents;
import io.sealift.control.testing.TempDataDir;
import io.sealift.control.tokens.ApiToken;
import io.sealift.control.tokens.ApiTokenRepository;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The repositories' own queries (state changes, tenant scoping, single use), which the REST and
 * gRPC sides rely on. Runs on H2 ({@link StoreH2Test}) and PostgreSQL ({@link StorePostgresTest}).
 */
abstract class StoreContract extends TempDataDir {
    @Inject
    TenantRepository tenants;
    @Inject
    ApiTokenRepository apiTokens;
    @Inject
    EnrollmentTokenRepository enrollmentTokens;
    @Inject
    AgentRepository agents;
    @Inject
    AgentEndpointRepository endpoints;
    @Inject
    AuditLog auditLog;
    @Inject
    AuditEventRepository auditEvents;

    @Test
    void timestamps_roundTripAtMicrosecondPrecisionInUtc() {
        Instant created = Instant.parse("2026-03-04T05:06:07.123456Z");
        Tenant tenant = tenants.save(new Tenant(UUID.randomUUID(), "time-" + shortId(), created));

        assertEquals(created, tenants.findById(tenant.id()).orElseThrow().createdAt());
    }

    @Test
    void agentPresence_followsConnectHeartbeatAndDisconnect() {
        Agent agent = newAgent(newTenant());
        Instant connectedAt = now();

        assertEquals(1, agents.markConnected(agent.id(), connectedAt, "1.2.3"));
        Agent connected = agents.findById(agent.id()).orElseThrow();
        assertTrue(connected.connected());
        assertEquals(connectedAt, connected.lastSeen());
        assertEquals("1.2.3", connected.version());

        Instant heartbeat = connectedAt.plusSeconds(5);
        assertEquals(1, agents.touch(agent.id(), heartbeat));
        assertEquals(heartbeat, agents.findById(agent.id()).orElseThrow().lastSeen());

        assertEquals(1, agents.markDisconnected(agent.id(), heartbeat.plusSeconds(1)));
        assertFalse(agents.findById(agent.id()).orElseThrow().connected());
    }

    @Test
    void agentRevoke_changesTheRowOnce() {
        Agent agent = newAgent(newTenant());
        agents.markConnected(agent.id(), now(), null);

        assertEquals(1, agents.revoke(agent.id(), now()));
        assertEquals(0, agents.revoke(agent.id(), now()));

        Agent revoked = agents.findById(agent.id()).orElseThrow();
        assertNotNull(revoked.revokedAt());
        assertFalse(revoked.connected());
    }

    @Test
    void agentLookups_areTenantScoped() {
        UUID mine = newTenant();
        UUID theirs = newTenant();
        Agent agent = StoredAgents.insert(agents, endpoints, mine, "a", false, null, List.of("src"), List.of("dst"));
        StoredAgents.insert(agents, endpoints, theirs, "b", false, null, List.of("other"), List.of());

        assertTrue(agents.findByIdAndTenantId(agent.id(), mine).isPresent());
        assertTrue(agents.findByIdAndTenantId(agent.id(), theirs).isEmpty());
        assertEquals(List.of(agent.id()),
                agents.findByTenantIdOrderByEnrolledAt(mine).stream().map(Agent::id).toList());
        assertEquals(List.of("source:src", "target:dst"), names(endpoints.findByTenantId(mine)));
        assertEquals(List.of("source:src", "target:dst"), names(endpoints.findByAgentId(agent.id())));
    }

    @Test
    void enrollmentToken_isConsumedOnlyOnce() {
        EnrollmentToken token = newEnrollmentToken(newTenant(), now().plusSeconds(600));
        UUID first = UUID.randomUUID();

        assertEquals(1, enrollmentTokens.consume(token.id(), first, now()));
        assertEquals(0, enrollmentTokens.consume(token.id(), UUID.randomUUID(), now()));

        assertEquals(first, enrollmentTokens.findById(token.id()).orElseThrow().usedBy());
    }

    @Test
    void enrollmentToken_isNotConsumedOnceExpiredOrRevoked() {
        UUID tenant = newTenant();
        EnrollmentToken expired = newEnrollmentToken(tenant, now().minusSeconds(1));
        EnrollmentToken revoked = newEnrollmentToken(tenant, now().plusSeconds(600));
        assertEquals(1, enrollmentTokens.revoke(revoked.id(), now()));
        assertEquals(0, enrollmentTokens.revoke(revoked.id(), now()));

        assertEquals(0, enrollmentTokens.consume(expired.id(), UUID.randomUUID(), now()));
        assertEquals(0, enrollmentTokens.consume(revoked.id(), UUID.randomUUID(), now()));
    }

    @Test
    void tokenLookups_areByHashAndTenantScoped() {
        UUID mine = newTenant();
        ApiToken token = apiTokens.save(new ApiToken(UUID.randomUUID(), mine, "operator", hash("lookup"), null, now(),
                null, null));

        assertEquals(token.id(), apiTokens.findByTokenHash(hash("lookup")).orElseThrow().id());
        assertTrue(apiTokens.findByIdAndTenantId(token.id(), mine).isPresent());
        assertTrue(apiTokens.findByIdAndTenantId(token.id(), newTenant()).isEmpty());
        assertEquals(1, apiTokens.revoke(token.id(), now()));
        assertEquals(0, apiTokens.revoke(token.id(), now()));
    }

    @Test
    void auditLog_numbersRecordsWithoutGaps() {
        long before = auditEvents.maxSeq();
        for (int i = 0; i < 5; i++) {
            auditLog.record(AuditEntry.of(null, "system", "test.event", "n:" + i, "success", null));
        }

        List<Long> sequence = auditEvents.findByActionOrderBySeq("test.event").stream().map(AuditEvent::seq).toList();

        assertEquals(List.of(before + 1, before + 2, before + 3, before + 4, before + 5), sequence);
    }

    private UUID newTenant() {
        return tenants.save(new Tenant(UUID.randomUUID(), "t-" + shortId(), now())).id();
    }

    private Agent newAgent(UUID tenant) {
        return StoredAgents.insert(agents, endpoints, tenant, "agent-" + shortId(), false, null, List.of(), List.of());
    }

    private EnrollmentToken newEnrollmentToken(UUID tenant, Instant expiresAt) {
        return enrollmentTokens.save(new EnrollmentToken(UUID.randomUUID(), tenant, hash(shortId()),
                now().minus(Duration.ofMinutes(1)), null, expiresAt, null, null, null));
    }

    private static List<String> names(List<AgentEndpoint> declared) {
        return declared.stream().map(e -> e.id().kind() + ":" + e.id().name()).toList();
    }

    private static String hash(String seed) {
        return IssuedSecret.presented(seed).hash();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
