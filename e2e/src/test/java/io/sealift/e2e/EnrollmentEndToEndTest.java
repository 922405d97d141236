package io.sealift.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealift.testsupport.Await;
import io.sealift.testsupport.FreePorts;
import io.sealift.testsupport.process.AgentProcess;
import io.sealift.testsupport.process.ChildProcess;
import io.sealift.testsupport.process.ControlPlaneProcess;
import io.sealift.testsupport.process.RestClient;
import io.sealift.testsupport.process.SealiftPrograms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built control plane and agents as separate processes and drives them from outside:
 * the REST API, the agent CLI and signals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnrollmentEndToEndTest {
    private static final Duration ONLINE = Duration.ofSeconds(30);

    @TempDir
    static Path work;

    private SealiftPrograms programs;
    private ControlPlaneProcess controlPlane;
    private RestClient admin;
    private String tenantId;

    @BeforeAll
    void startControlPlane() {
        programs = SealiftPrograms.locate();
        controlPlane = ControlPlaneProcess.start(programs, work.resolve("cp-data"), FreePorts.next(),
                FreePorts.next(), work.resolve("cp.log"), Map.of());
        admin = controlPlane.adminApi();
        tenantId = admin.post("/api/v1/tenants", Map.of("name", "acme")).expect(201).get("id").asText();
    }

    @AfterAll
    void stopControlPlane() {
        if (controlPlane != null) {
            controlPlane.close();
        }
    }

    @Test
    void agent_enrollsRunsAndComesBackOnline_afterControlPlaneIsKilledAndRestarted() throws IOException {
        String token = newEnrollmentToken();
        try (AgentProcess agent = newAgent("agent-a", controlPlane.caFingerprint())) {
            AgentProcess.Result enrolled = agent.enroll(token, "--name", "agent-a");
            assertEquals(0, enrolled.exitCode(), enrolled.output());
            JsonNode status = statusOf(agent);
            String agentId = status.get("agentId").asText();
            String fingerprint = status.get("fingerprint").asText();
            assertTrue(fingerprint.matches("sha256:[0-9a-f]{64}"), fingerprint);
            assertTrue(enrolled.output().contains(agentId), enrolled.output());
            assertTrue(enrolled.output().contains(fingerprint), enrolled.output());

            ChildProcess run = agent.start();
            JsonNode online = awaitStatus(agentId, "online");
            assertEquals(fingerprint, online.get("fingerprint").asText());
            assertEquals("agent-a", online.get("name").asText());

            controlPlane.kill();
            controlPlane.restart();
            awaitStatus(agentId, "online");

            assertTrue(run.isAlive(), "the agent kept running across the restart");
            assertEquals(agentId, statusOf(agent).get("agentId").asText(), "no second enrollment");
            assertEquals(1, agentsNamed("agent-a"), "the control plane holds one agent, not two");
            assertEquals(0, run.terminate(Duration.ofSeconds(30)), "SIGTERM stops the agent cleanly");
            awaitStatus(agentId, "offline");
        }
    }

    @Test
    void enrollment_withReusedRevokedOrUnknownToken_isRefusedAndSaysWhich() {
        String used = newEnrollmentToken();
        try (AgentProcess first = newAgent("agent-b", controlPlane.caFingerprint());
                AgentProcess second = newAgent("agent-c", controlPlane.caFingerprint())) {
            assertEquals(0, first.enroll(used).exitCode());

            assertRefused(second.enroll(used), "already used");

            JsonNode revoked = admin.post(tokensPath(), Map.of("ttlSeconds", 600)).expect(201);
            admin.delete(tokensPath() + "/" + revoked.get("id").asText()).expect(204);
            assertRefused(second.enroll(revoked.get("token").asText()), "revoked");

            assertRefused(second.enroll("sle_" + "A".repeat(43)), "unknown");
            assertFalse(Files.exists(second.config().resolveSibling("state").resolve("agent.json")),
                    "a refused enrollment stores no identity");
        }
    }

    @Test
    void enrollment_withWrongPinnedCaFingerprint_isRefused() {
        try (AgentProcess agent = newAgent("agent-d", "sha256:" + "0".repeat(64))) {
            AgentProcess.Result result = agent.enroll(newEnrollmentToken());
            assertEquals(4, result.exitCode(), result.output());
            assertTrue(result.output().toLowerCase().contains("fingerprint"), result.output());
        }
    }

    @Test
    void revokedAgent_isDisconnectedAndCannotConnectAgain() {
        try (AgentProcess agent = newAgent("agent-e", controlPlane.caFingerprint())) {
            assertEquals(0, agent.enroll(newEnrollmentToken()).exitCode());
            String agentId = statusOf(agent).get("agentId").asText();
            ChildProcess run = agent.start();
            awaitStatus(agentId, "online");

            admin.delete(agentsPath() + "/" + agentId).expect(204);

            int exit = run.waitFor(Duration.ofSeconds(60));
            assertTrue(exit != 0, "a revoked agent stops with an error");
            assertTrue(agent.output().contains("revoked"), agent.output());
            assertEquals("offline", admin.get(agentsPath() + "/" + agentId).expect(200).get("status").asText());
        }
    }

    @Test
    void secrets_neverAppearInEitherProgramsOutput() throws IOException {
        String enrollmentToken = newEnrollmentToken();
        String apiToken = admin.post("/api/v1/tenants/" + tenantId + "/api-tokens", Map.of("role", "operator"))
                .expect(201).get("token").asText();
        try (AgentProcess agent = newAgent("agent-f", controlPlane.caFingerprint())) {
            AgentProcess.Result enrolled = agent.enroll(enrollmentToken);
            assertEquals(0, enrolled.exitCode(), enrolled.output());
            ChildProcess run = agent.start();
            awaitStatus(statusOf(agent).get("agentId").asText(), "online");
            run.terminate(Duration.ofSeconds(30));

            List<String> secrets = List.of(enrollmentToken, apiToken, controlPlane.bootstrapToken());
            String everything = controlPlane.output() + enrolled.output() + agent.output() + allLogs();
            for (String secret : secrets) {
                assertFalse(everything.contains(secret), "a token leaked into a log");
            }
        }
    }

    private void assertRefused(AgentProcess.Result result, String reason) {
        assertEquals(3, result.exitCode(), result.output());
        assertTrue(result.output().contains(reason), "expected '" + reason + "' in: " + result.output());
    }

    private AgentProcess newAgent(String name, String caFingerprint) {
        return AgentProcess.create(programs, work.resolve(name), controlPlane.grpcAddress(), caFingerprint,
                "sources: {}\ntargets: {}\n");
    }

    private String newEnrollmentToken() {
        return admin.post(tokensPath(), Map.of("ttlSeconds", 900)).expect(201).get("token").asText();
    }

    private JsonNode statusOf(AgentProcess agent) {
        AgentProcess.Result result = agent.status();
        assertEquals(0, result.exitCode(), result.output());
        return new RestClient.Response(200, jsonPart(result.output())).json();
    }

    private static String jsonPart(String output) {
        int start = output.indexOf('{');
        return start < 0 ? output : output.substring(start);
    }

    private JsonNode awaitStatus(String agentId, String wanted) {
        return Await.value("agent " + agentId + " " + wanted, ONLINE, () -> {
            JsonNode agent = admin.get(agentsPath() + "/" + agentId).expect(200);
            return wanted.equals(agent.get("status").asText()) ? agent : null;
        });
    }

    private long agentsNamed(String name) {
        JsonNode agents = admin.get(agentsPath()).expect(200);
        JsonNode list = agents.isArray() ? agents : agents.path("items");
        long count = 0;
        for (JsonNode agent : list) {
            if (name.equals(agent.get("name").asText())) {
                count++;
            }
        }
        return count;
    }

    private String allLogs() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    private String tokensPath() {
        return "/api/v1/tenants/" + tenantId + "/enrollment-tokens";
    }

    private String agentsPath() {
        return "/api/v1/tenants/" + tenantId + "/agents";
    }
}
