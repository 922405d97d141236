package io.sealift.control.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.control.agents.Agent;
import io.sealift.control.agents.AgentEndpointRepository;
import io.sealift.control.agents.AgentRepository;
import io.sealift.control.audit.AuditEvent;
import io.sealift.control.audit.AuditEventRepository;
import io.sealift.control.secrets.IssuedSecret;
import io.sealift.control.testing.ApiTestBase;
import io.sealift.control.testing.RestClient.Response;
import io.sealift.control.testing.StoredAgents;
import io.sealift.control.tokens.ApiTokenRepository;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may call what: 401 without a valid token, 403 for a role too low, 404 for anything of
 * another tenant (exactly like an unknown or malformed id), and every refusal audited.
 * Runs on H2 ({@link AccessControlH2Test}) and PostgreSQL ({@link AccessControlPostgresTest}).
 */
abstract class AccessControlContract extends ApiTestBase {
    @Inject
    AgentRepository agents;
    @Inject
    AgentEndpointRepository endpoints;
    @Inject
    AuditEventRepository auditEvents;
    @Inject
    ApiTokenRepository apiTokens;

    private UUID acme;
    private UUID globex;
    private String acmeOwner;
    private String acmeOperator;
    private String acmeAuditor;

    @BeforeAll
    void twoTenants() {
        acme = createTenant("acme");
        globex = createTenant("globex");
        acmeOwner = mintToken(acme, "owner");
        acmeOperator = mintToken(acme, "operator");
        acmeAuditor = mintToken(acme, "auditor");
    }

    @Test
    void request_withoutToken_is401ProblemWithBearerChallenge() {
        Response response = rest().get("api/v1/tenants", null);

        assertEquals(401, response.status());
        assertEquals("application/problem+json", response.header("Content-Type").orElseThrow());
        assertEquals("Bearer", response.header("WWW-Authenticate").orElseThrow());
        assertEquals(401, ((Number) response.object().get("status")).intValue());
    }

    @Test
    void request_withUnknownOrMalformedToken_is401() {
        String wellFormedButUnknown = "slt_" + "A".repeat(43);

        assertEquals(401, rest().get("api/v1/tenants", wellFormedButUnknown).status());
        assertEquals(401, rest().get("api/v1/tenants", "not-a-token").status());
        assertEquals(401, rest().send("GET", "api/v1/tenants", null, null, null,
                Map.of("Authorization", "Basic dXNlcjpwYXNz")).status());
    }

    @Test
    void request_withRevokedToken_is401() {
        String token = mintToken(acme, "auditor");
        String tokenId = idOfToken(token);
        assertEquals(200, rest().get("api/v1/tenants", token).status());

        assertEquals(204, rest().delete("api/v1/tenants/" + acme + "/api-tokens/" + tokenId, acmeOwner).status());

        assertEquals(401, rest().get("api/v1/tenants", token).status());
    }

    @Test
    void publicEndpoints_ignoreAnEmptyOrInvalidAuthorizationHeader() {
        for (String header : List.of("", "Bearer ", "Bearer slt_nonsense")) {
            Map<String, String> headers = Map.of("Authorization", header);
            assertEquals(200, rest().send("GET", "api/v1/openapi/sealift-control.yml", null, null, null, headers)
                    .status(), header);
            assertEquals(200, rest().send("GET", "health", null, null, null, headers).status(), header);
        }
    }

    @Test
    void auditor_creatingAnEnrollmentToken_is403() {
        Response response = rest().post("api/v1/tenants/" + acme + "/enrollment-tokens", acmeAuditor, "{}");

        assertEquals(403, response.status(), response::toString);
        assertEquals("application/problem+json", response.header("Content-Type").orElseThrow());
    }

    @Test
    void operator_mintingAnApiToken_is403() {
        Response response = rest().post("api/v1/tenants/" + acme + "/api-tokens", acmeOperator,
                "{\"role\":\"auditor\"}");

        assertEquals(403, response.status(), response::toString);
    }

    @Test
    void operator_revokingAnAgent_is403_becauseRevocationNeedsOwner() {
        Agent agent = StoredAgents.insert(agents, endpoints, acme, "web-1", false, null, List.of(), List.of());

        assertEquals(403, rest().delete("api/v1/tenants/" + acme + "/agents/" + agent.id(), acmeOperator).status());
        assertEquals(204, rest().delete("api/v1/tenants/" + acme + "/agents/" + agent.id(), acmeOwner).status());
    }

    @Test
    void tenantOwner_creatingATenant_is403() {
        assertEquals(403, rest().post("api/v1/tenants", acmeOwner, "{\"name\":\"sneaky\"}").status());
    }

    @Test
    void owner_canMintOwnerOperatorAndAuditorTokens() {
        for (String role : List.of("owner", "operator", "auditor")) {
            Response response = rest().post("api/v1/tenants/" + acme + "/api-tokens", acmeOwner,
                    "{\"role\":\"" + role + "\"}");
            assertEquals(201, response.status(), response::toString);
            assertEquals(role, response.field("role"));
        }
    }

    @Test
    void tenantToken_listingTenants_seesOnlyItsOwnTenant() {
        List<Map<String, Object>> tenants = rest().get("api/v1/tenants", acmeAuditor).array();

        assertEquals(List.of(acme.toString()), tenants.stream().map(t -> t.get("id")).toList());
    }

    @Test
    void anotherTenantInThePath_is404ForEveryRole() {
        for (String token : List.of(acmeOwner, acmeOperator, acmeAuditor)) {
            assertEquals(404, rest().get("api/v1/tenants/" + globex, token).status());
            assertEquals(404, rest().get("api/v1/tenants/" + globex + "/agents", token).status());
            assertEquals(404, rest().get("api/v1/tenants/" + globex + "/api-tokens", token).status());
            assertEquals(404, rest().post("api/v1/tenants/" + globex + "/enrollment-tokens", token, "{}").status());
            assertEquals(404, rest().post("api/v1/tenants/" + globex + "/api-tokens", token,
                    "{\"role\":\"owner\"}").status());
        }
    }

    @Test
    void anotherTenantsApiToken_is404() {
        String globexToken = mintToken(globex, "auditor");
        String globexTokenId = idOfToken(globexToken);

        Response viaOwnTenant = rest().delete("api/v1/tenants/" + acme + "/api-tokens/" + globexTokenId, acmeOwner);
        Response asAdminWrongTenant = rest().delete("api/v1/tenants/" + acme + "/api-tokens/" + globexTokenId,
                adminToken());

        assertEquals(404, viaOwnTenant.status());
        assertEquals(404, asAdminWrongTenant.status());
        assertEquals(200, rest().get("api/v1/tenants", globexToken).status(), "the token must still work");
    }

    @Test
    void anotherTenantsEnrollmentToken_is404() {
        String globexEnrollment = rest().post("api/v1/tenants/" + globex + "/enrollment-tokens", adminToken(), "{}")
                .field("id");

        assertEquals(404, rest().delete("api/v1/tenants/" + acme + "/enrollment-tokens/" + globexEnrollment,
                acmeOperator).status());
        assertEquals(404, rest().delete("api/v1/tenants/" + acme + "/enrollment-tokens/" + globexEnrollment,
                adminToken()).status());
    }

    @Test
    void anotherTenantsAgent_is404() {
        Agent globexAgent = StoredAgents.insert(agents, endpoints, globex, "db-1", false, null, List.of(), List.of());
        String path = "api/v1/tenants/" + acme + "/agents/" + globexAgent.id();

        assertEquals(404, rest().get(path, acmeOwner).status());
        assertEquals(404, rest().delete(path, acmeOwner).status());
        assertEquals(404, rest().get(path, adminToken()).status());
        assertEquals(404, rest().delete(path, adminToken()).status());
        assertNull(agents.findById(globexAgent.id()).orElseThrow().revokedAt(), "the agent must not be revoked");
    }

    @Test
    void unknownAndMalformedIds_are404() {
        String unknown = UUID.randomUUID().toString();
        for (String id : List.of(unknown, "not-a-uuid", "42")) {
            assertEquals(404, rest().get("api/v1/tenants/" + id, adminToken()).status(), id);
            assertEquals(404, rest().get("api/v1/tenants/" + acme + "/agents/" + id, acmeAuditor).status(), id);
            assertEquals(404, rest().delete("api/v1/tenants/" + acme + "/api-tokens/" + id, acmeOwner).status(), id);
            assertEquals(404, rest().delete("api/v1/tenants/" + acme + "/enrollment-tokens/" + id, acmeOwner)
                    .status(), id);
        }
    }

    @Test
    void refusedRequests_areAuditedWithActorAndCorrelationId_neverTheToken() {
        String badToken = "slt_" + "B".repeat(43);
        send("GET", "api/v1/tenants", badToken, "corr-unauth");
        send("POST", "api/v1/tenants/" + acme + "/api-tokens", acmeOperator, "corr-forbidden");
        send("GET", "api/v1/tenants/" + globex + "/agents", acmeOwner, "corr-scope");

        AuditEvent unauthenticated = auditedWith("corr-unauth");
        assertEquals("auth.unauthenticated", unauthenticated.action());
        assertEquals("anonymous", unauthenticated.actor());
        assertEquals("denied", unauthenticated.outcome());
        assertFalse(unauthenticated.toString().contains(badToken));

        AuditEvent forbidden = auditedWith("corr-forbidden");
        assertEquals("auth.forbidden", forbidden.action());
        assertEquals("token:" + idOfToken(acmeOperator), forbidden.actor());
        assertEquals(acme, forbidden.tenantId());

        AuditEvent outOfScope = auditedWith("corr-scope");
        assertEquals("auth.out-of-scope", outOfScope.action());
        assertEquals("tenant:" + globex, outOfScope.target());
    }

    @Test
    void aStateChangingCallThatFails_isAuditedWithActorStatusAndCorrelationId_butNotAGet() {
        rest().send("POST", "api/v1/tenants/" + acme + "/api-tokens", acmeOwner, "application/json",
                "{\"role\":\"emperor\"}", Map.of("X-Correlation-Id", "corr-rejected"));
        rest().send("GET", "api/v1/tenants/" + acme + "/agents/" + UUID.randomUUID(), acmeOwner, null, null,
                Map.of("X-Correlation-Id", "corr-get-404"));

        AuditEvent rejected = auditedWith("corr-rejected");
        assertEquals("api.rejected", rejected.action());
        assertEquals("token:" + idOfToken(acmeOwner), rejected.actor());
        assertEquals(acme, rejected.tenantId());
        assertEquals("POST /api/v1/tenants/" + acme + "/api-tokens", rejected.target());
        assertEquals("failure", rejected.outcome());
        assertTrue(rejected.toString().contains("400"), rejected.toString());
        assertTrue(auditEvents.findAll().stream().noneMatch(e -> "corr-get-404".equals(e.correlationId())),
                "a refused read changes nothing and is not audited");
    }

    @Test
    void correlationId_isEchoedWhenSane_andReplacedWhenNot() {
        Response sane = rest().send("GET", "api/v1/tenants", acmeAuditor, null, null,
                Map.of("X-Correlation-Id", "job-42.retry_1"));
        Response insane = rest().send("GET", "api/v1/tenants", acmeAuditor, null, null,
                Map.of("X-Correlation-Id", "x".repeat(65)));
        Response none = rest().get("api/v1/tenants", null);

        assertEquals("job-42.retry_1", sane.header("X-Correlation-Id").orElseThrow());
        assertNotEquals("x".repeat(65), insane.header("X-Correlation-Id").orElseThrow());
        assertTrue(insane.header("X-Correlation-Id").orElseThrow().matches("[A-Za-z0-9._-]{1,64}"));
        assertEquals(none.header("X-Correlation-Id").orElseThrow(), none.field("correlationId"));
    }

    private void send(String method, String path, String token, String correlationId) {
        rest().send(method, path, token, method.equals("POST") ? "application/json" : null,
                method.equals("POST") ? "{\"role\":\"auditor\"}" : null, Map.of("X-Correlation-Id", correlationId));
    }

    private AuditEvent auditedWith(String correlationId) {
        List<AuditEvent> matching = auditEvents.findAll().stream()
                .filter(e -> correlationId.equals(e.correlationId())).toList();
        assertEquals(1, matching.size(), () -> "audit records for " + correlationId + ": " + matching);
        return matching.get(0);
    }

    /** Returns the stored id of {@code token}. */
    private String idOfToken(String token) {
        return apiTokens.findByTokenHash(IssuedSecret.presented(token).hash()).orElseThrow().id().toString();
    }
}
