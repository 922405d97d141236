package io.sealift.control.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.control.agents.Agent;
import io.sealift.control.agents.AgentEndpointRepository;
import io.sealift.control.agents.AgentRepository;
import io.sealift.control.audit.AuditEvent;
import io.sealift.control.audit.AuditEventRepository;
import io.sealift.control.enrollment.EnrollmentToken;
import io.sealift.control.enrollment.EnrollmentTokenRepository;
import io.sealift.control.secrets.IssuedSecret;
import io.sealift.control.testing.ApiTestBase;
import io.sealift.control.testing.RecordingRevocationListener;
import io.sealift.control.testing.RestClient.Response;
import io.sealift.control.testing.StoredAgents;
import io.sealift.control.tokens.ApiToken;
import io.sealift.control.tokens.ApiTokenRepository;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The REST contract: paths, status codes and JSON fields of tenants, API tokens, enrollment
 * tokens and agents; problem responses for bad input; audit records of every change.
 * Runs on H2 ({@link RestApiH2Test}) and PostgreSQL ({@link RestApiPostgresTest}).
 */
abstract class RestApiContract extends ApiTestBase {
    private static final String ISO_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

    @Inject
    ApiTokenRepository apiTokens;
    @Inject
    EnrollmentTokenRepository enrollmentTokens;
    @Inject
    AgentRepository agents;
    @Inject
    AgentEndpointRepository endpoints;
    @Inject
    AuditEventRepository auditEvents;
    @Inject
    RecordingRevocationListener revocations;

    @Test
    void createTenant_returns201WithIdNameAndCreatedAt() {
        Response created = rest().post("api/v1/tenants", adminToken(), "{\"name\":\"acme-corp\"}");

        assertEquals(201, created.status(), created::toString);
        Map<String, Object> tenant = created.object();
        assertEquals(Set.of("id", "name", "createdAt"), tenant.keySet());
        assertEquals("acme-corp", tenant.get("name"));
        assertTrue(tenant.get("createdAt").toString().matches(ISO_UTC), tenant.toString());
        assertEquals(tenant, rest().get("api/v1/tenants/" + tenant.get("id"), adminToken()).object());
        assertTrue(rest().get("api/v1/tenants", adminToken()).array().contains(tenant));
    }

    @Test
    void createTenant_withTakenName_is409() {
        assertEquals(201, rest().post("api/v1/tenants", adminToken(), "{\"name\":\"taken\"}").status());

        Response again = rest().post("api/v1/tenants", adminToken(), "{\"name\":\"taken\"}");

        assertEquals(409, again.status());
        assertEquals("application/problem+json", again.header("Content-Type").orElseThrow());
    }

    @Test
    void createTenant_withInvalidName_is400NamingTheField() {
        for (String body : List.of("{\"name\":\"Acme Corp\"}", "{\"name\":\"-acme\"}", "{\"name\":\"\"}", "{}",
                "{\"name\":\"" + "a".repeat(64) + "\"}")) {
            Response response = rest().post("api/v1/tenants", adminToken(), body);

            assertEquals(400, response.status(), body);
            assertTrue(response.field("detail").startsWith("name: "), response::toString);
            assertEquals("name", invalidParamNames(response).get(0));
        }
    }

    @Test
    void malformedJson_is400Problem() {
        Response response = rest().post("api/v1/tenants", adminToken(), "{\"name\": ");

        assertEquals(400, response.status());
        assertEquals("application/problem+json", response.header("Content-Type").orElseThrow());
        assertFalse(response.body().contains("\tat "), "no stack trace");
    }

    @Test
    void wrongMethodAndMediaTypeAndRoute_areProblems() {
        Response wrongMethod = rest().delete("api/v1/tenants", adminToken());
        Response wrongMediaType = rest().send("POST", "api/v1/tenants", adminToken(), "text/plain", "acme", Map.of());
        Response noRoute = rest().get("api/v1/no-such-thing", adminToken());

        assertEquals(405, wrongMethod.status());
        assertEquals(415, wrongMediaType.status());
        assertEquals(404, noRoute.status());
        for (Response response : List.of(wrongMethod, wrongMediaType, noRoute)) {
            assertEquals("application/problem+json", response.header("Content-Type").orElseThrow());
            assertEquals(response.status(), ((Number) response.object().get("status")).intValue());
        }
    }

    @Test
    void createApiToken_returnsTheSecretOnce_andStoresOnlyItsHash() {
        UUID tenant = createTenant("tokens");

        Response created = rest().post("api/v1/tenants/" + tenant + "/api-tokens", adminToken(),
                "{\"role\":\"operator\",\"description\":\"ci pipeline\"}");

        assertEquals(201, created.status(), created::toString);
        Map<String, Object> body = created.object();
        assertEquals(Set.of("id", "token", "role", "tenantId", "createdAt"), body.keySet());
        String token = body.get("token").toString();
        assertTrue(token.matches("slt_[A-Za-z0-9_-]{43}"), token);
        assertEquals("operator", body.get("role"));
        assertEquals(tenant.toString(), body.get("tenantId"));
        ApiToken stored = apiTokens.findById(UUID.fromString(body.get("id").toString())).orElseThrow();
        assertEquals(IssuedSecret.presented(token).hash(), stored.tokenHash());
        assertFalse(stored.toString().contains(token));
        assertEquals(200, rest().get("api/v1/tenants/" + tenant + "/agents", token).status(), "the token works");
    }

    @Test
    void listApiTokens_neverShowsValuesOrHashes() {
        UUID tenant = createTenant("listing");
        String token = mintToken(tenant, "auditor");

        Response listed = rest().get("api/v1/tenants/" + tenant + "/api-tokens", token);

        assertEquals(200, listed.status());
        Map<String, Object> entry = listed.array().get(0);
        assertEquals(Set.of("id", "role", "tenantId", "description", "createdAt", "createdBy", "revokedAt"),
                entry.keySet());
        assertFalse(listed.body().contains(token));
        assertFalse(listed.body().contains(IssuedSecret.presented(token).hash()));
    }

    @Test
    void createApiToken_asPlatformAdminRole_is400NamingRole() {
        UUID tenant = createTenant("noadmin");

        Response response = rest().post("api/v1/tenants/" + tenant + "/api-tokens", adminToken(),
                "{\"role\":\"platform-admin\"}");

        assertEquals(400, response.status());
        assertEquals(List.of("role"), invalidParamNames(response));
    }

    @Test
    void revokeApiToken_is204_thenTheTokenIs401_andListedAsRevoked() {
        UUID tenant = createTenant("revoke");
        String owner = mintToken(tenant, "owner");
        String victim = mintToken(tenant, "auditor");
        String victimId = apiTokens.findByTokenHash(IssuedSecret.presented(victim).hash()).orElseThrow().id()
                .toString();

        assertEquals(204, rest().delete("api/v1/tenants/" + tenant + "/api-tokens/" + victimId, owner).status());
        assertEquals(204, rest().delete("api/v1/tenants/" + tenant + "/api-tokens/" + victimId, owner).status(),
                "revoking twice is harmless");

        assertEquals(401, rest().get("api/v1/tenants", victim).status());
        Map<String, Object> listed = rest().get("api/v1/tenants/" + tenant + "/api-tokens", owner).array().stream()
                .filter(t -> t.get("id").equals(victimId)).findFirst().orElseThrow();
        assertTrue(listed.get("revokedAt").toString().matches(ISO_UTC));
    }

    @Test
    void createEnrollmentToken_defaultsTo900Seconds() {
        UUID tenant = createTenant("enroll");

        Response created = rest().post("api/v1/tenants/" + tenant + "/enrollment-tokens", adminToken(), "{}");

        assertEquals(201, created.status(), created::toString);
        Map<String, Object> body = created.object();
        assertEquals(Set.of("id", "token", "expiresAt"), body.keySet());
        String token = body.get("token").toString();
        assertTrue(token.matches("sle_[A-Za-z0-9_-]{43}"), token);
        EnrollmentToken stored = enrollmentTokens.findById(UUID.fromString(body.get("id").toString())).orElseThrow();
        assertEquals(Duration.ofSeconds(900), Duration.between(stored.createdAt(), stored.expiresAt()));
        assertEquals(IssuedSecret.presented(token).hash(), stored.tokenHash());
        assertEquals(Instant.parse(body.get("expiresAt").toString()), stored.expiresAt());
    }

    @Test
    void createEnrollmentToken_withoutBody_defaultsTo900Seconds() {
        UUID tenant = createTenant("nobody");

        Response created = rest().send("POST", "api/v1/tenants/" + tenant + "/enrollment-tokens", adminToken(),
                null, null, Map.of());

        assertEquals(201, created.status(), created::toString);
    }

    @Test
    void createEnrollmentToken_honoursTtlWithinBounds() {
        UUID tenant = createTenant("ttl");
        for (int ttl : List.of(60, 86400)) {
            Response created = rest().post("api/v1/tenants/" + tenant + "/enrollment-tokens", adminToken(),
                    "{\"ttlSeconds\":" + ttl + "}");
            assertEquals(201, created.status(), created::toString);
            EnrollmentToken stored = enrollmentTokens.findById(UUID.fromString(created.field("id"))).orElseThrow();
            assertEquals(Duration.ofSeconds(ttl), Duration.between(stored.createdAt(), stored.expiresAt()));
        }
    }

    @Test
    void createEnrollmentToken_withTtlOutOfRangeOrWrongType_is400NamingTtlSeconds() {
        UUID tenant = createTenant("badttl");
        for (String body : List.of("{\"ttlSeconds\":59}", "{\"ttlSeconds\":86401}", "{\"ttlSeconds\":\"soon\"}")) {
            Response response = rest().post("api/v1/tenants/" + tenant + "/enrollment-tokens", adminToken(), body);

            assertEquals(400, response.status(), body);
            assertTrue(response.field("detail").startsWith("ttlSeconds: "), response::toString);
            assertEquals(List.of("ttlSeconds"), invalidParamNames(response));
        }
        assertEquals("ttlSeconds: must be between 60 and 86400",
                rest().post("api/v1/tenants/" + tenant + "/enrollment-tokens", adminToken(), "{\"ttlSeconds\":1}")
                        .field("detail"));
    }

    @Test
    void listEnrollmentTokens_showsEachState() {
        UUID tenant = createTenant("states");
        String operator = mintToken(tenant, "operator");
        String active = createEnrollment(tenant, operator);
        String revoked = createEnrollment(tenant, operator);
        assertEquals(204, rest().delete("api/v1/tenants/" + tenant + "/enrollment-tokens/" + revoked, operator)
                .status());
        Instant past = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);
        EnrollmentToken expired = enrollmentTokens.save(new EnrollmentToken(UUID.randomUUID(), tenant,
                "0".repeat(64), past.minusSeconds(60), null, past, null, null, null));
        Agent agent = StoredAgents.insert(agents, endpoints, tenant, "used-by", false, null, List.of(), List.of());
        String used = createEnrollment(tenant, operator);
        assertEquals(1, enrollmentTokens.consume(UUID.fromString(used), agent.id(), Instant.now()));

        List<Map<String, Object>> listed = rest().get("api/v1/tenants/" + tenant + "/enrollment-tokens",
                mintToken(tenant, "auditor")).array();

        assertEquals(Set.of("id", "createdAt", "expiresAt", "state", "usedBy"), listed.get(0).keySet());
        assertEquals("active", stateOf(listed, active));
        assertEquals("revoked", stateOf(listed, revoked));
        assertEquals("expired", stateOf(listed, expired.id().toString()));
        assertEquals("used", stateOf(listed, used));
        assertEquals(agent.id().toString(), listed.stream().filter(t -> t.get("id").equals(used)).findFirst()
                .orElseThrow().get("usedBy"));
        assertFalse(listed.stream().anyMatch(t -> t.toString().contains("sle_")));
    }

    @Test
    void agents_areListedWithPresenceAndEndpointNames() {
        UUID tenant = createTenant("agents");
        Instant now = Instant.now();
        Agent online = StoredAgents.insert(agents, endpoints, tenant, "web-1", true, now,
                List.of("www", "logs"), List.of());
        Agent stale = StoredAgents.insert(agents, endpoints, tenant, "web-2", true, now.minus(Duration.ofMinutes(5)),
                List.of(), List.of("restore"));
        Agent disconnected = StoredAgents.insert(agents, endpoints, tenant, "web-3", false, now, List.of(), List.of());
        String auditor = mintToken(tenant, "auditor");

        List<Map<String, Object>> listed = rest().get("api/v1/tenants/" + tenant + "/agents", auditor).array();
        Map<String, Object> first = rest().get("api/v1/tenants/" + tenant + "/agents/" + online.id(), auditor)
                .object();

        assertEquals(3, listed.size());
        assertEquals(first, listed.get(0));
        assertEquals(Set.of("id", "name", "status", "lastSeen", "version", "fingerprint", "enrolledAt", "revoked",
                "endpoints"), first.keySet());
        assertEquals("web-1", first.get("name"));
        assertEquals("online", first.get("status"));
        assertEquals(false, first.get("revoked"));
        assertEquals(online.fingerprint(), first.get("fingerprint"));
        assertTrue(first.get("lastSeen").toString().matches(ISO_UTC));
        assertEquals(Map.of("sources", List.of("logs", "www"), "targets", List.of()), first.get("endpoints"));
        assertEquals("offline", statusOf(listed, stale), "not heard from within 3 heartbeats");
        assertEquals("offline", statusOf(listed, disconnected), "stream closed");
        assertEquals(Map.of("sources", List.of(), "targets", List.of("restore")),
                listed.get(1).get("endpoints"));
    }

    @Test
    void revokeAgent_is204_marksItRevoked_andPublishesTheRevocation() {
        UUID tenant = createTenant("revoke-agent");
        Agent agent = StoredAgents.insert(agents, endpoints, tenant, "db-1", true, Instant.now(), List.of(), List.of());
        String owner = mintToken(tenant, "owner");

        Response revoked = rest().delete("api/v1/tenants/" + tenant + "/agents/" + agent.id(), owner);

        assertEquals(204, revoked.status(), revoked::toString);
        assertTrue(revocations.revokedAgentIds().contains(agent.id()));
        Map<String, Object> shown = rest().get("api/v1/tenants/" + tenant + "/agents/" + agent.id(), owner).object();
        assertEquals(true, shown.get("revoked"));
        assertEquals("offline", shown.get("status"));
        assertNotNull(agents.findById(agent.id()).orElseThrow().revokedAt());
    }

    @Test
    void everyChange_isAuditedWithActorTenantTargetOutcomeAndCorrelationId() {
        String admin = adminToken();
        String adminActor = "token:" + apiTokens.findByTokenHash(IssuedSecret.presented(admin).hash()).orElseThrow()
                .id();
        UUID tenant = UUID.fromString(send("POST", "api/v1/tenants", admin, "{\"name\":\"audited\"}", "c-tenant")
                .field("id"));
        String tokenId = send("POST", "api/v1/tenants/" + tenant + "/api-tokens", admin, "{\"role\":\"auditor\"}",
                "c-token").field("id");
        send("DELETE", "api/v1/tenants/" + tenant + "/api-tokens/" + tokenId, admin, null, "c-token-revoke");
        String enrollmentId = send("POST", "api/v1/tenants/" + tenant + "/enrollment-tokens", admin, "{}",
                "c-enroll").field("id");
        send("DELETE", "api/v1/tenants/" + tenant + "/enrollment-tokens/" + enrollmentId, admin, null,
                "c-enroll-revoke");
        Agent agent = StoredAgents.insert(agents, endpoints, tenant, "a", false, null, List.of(), List.of());
        send("DELETE", "api/v1/tenants/" + tenant + "/agents/" + agent.id(), admin, null, "c-agent-revoke");

        assertAudited("c-tenant", "tenant.create", adminActor, tenant, "tenant:" + tenant);
        assertAudited("c-token", "api-token.create", adminActor, tenant, "api-token:" + tokenId);
        assertAudited("c-token-revoke", "api-token.revoke", adminActor, tenant, "api-token:" + tokenId);
        assertAudited("c-enroll", "enrollment-token.create", adminActor, tenant, "enrollment-token:" + enrollmentId);
        assertAudited("c-enroll-revoke", "enrollment-token.revoke", adminActor, tenant,
                "enrollment-token:" + enrollmentId);
        assertAudited("c-agent-revoke", "agent.revoke", adminActor, tenant, "agent:" + agent.id());
    }

    @Test
    void auditRecords_neverHoldTokenValues() {
        UUID tenant = createTenant("audit-secrets");
        String apiToken = mintToken(tenant, "owner");
        String enrollment = rest().post("api/v1/tenants/" + tenant + "/enrollment-tokens", apiToken, "{}")
                .field("token");

        for (AuditEvent event : auditEvents.findAll()) {
            assertFalse(event.toString().contains(apiToken), event::toString);
            assertFalse(event.toString().contains(enrollment), event::toString);
            assertFalse(event.toString().contains(IssuedSecret.presented(apiToken).hash()), event::toString);
        }
    }

    private Response send(String method, String path, String token, String body, String correlationId) {
        Response response = rest().send(method, path, token, body == null ? null : "application/json", body,
                Map.of("X-Correlation-Id", correlationId));
        assertTrue(response.status() < 300, response::toString);
        return response;
    }

    private void assertAudited(String correlationId, String action, String actor, UUID tenant, String target) {
        List<AuditEvent> events = auditEvents.findByActionOrderBySeq(action).stream()
                .filter(e -> correlationId.equals(e.correlationId())).toList();
        assertEquals(1, events.size(), () -> action + " " + correlationId + ": " + events);
        AuditEvent event = events.get(0);
        assertEquals(actor, event.actor());
        assertEquals(tenant, event.tenantId());
        assertEquals(target, event.target());
        assertEquals("success", event.outcome());
    }

    private String createEnrollment(UUID tenant, String token) {
        Response created = rest().post("api/v1/tenants/" + tenant + "/enrollment-tokens", token, "{}");
        assertEquals(201, created.status(), created::toString);
        return created.field("id");
    }

    private static String stateOf(List<Map<String, Object>> listed, String id) {
        return listed.stream().filter(t -> t.get("id").equals(id)).findFirst().orElseThrow().get("state").toString();
    }

    private static String statusOf(List<Map<String, Object>> listed, Agent agent) {
        return listed.stream().filter(a -> a.get("id").equals(agent.id().toString())).findFirst().orElseThrow()
                .get("status").toString();
    }

    @SuppressWarnings("unchecked")
    private static List<String> invalidParamNames(Response response) {
        List<Map<String, Object>> params = (List<Map<String, Object>>) response.object().get("invalid-params");
        assertNotNull(params, () -> "no invalid-params in " + response);
        return params.stream().map(p -> p.get("name").toString()).toList();
    }
}
