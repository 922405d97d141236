package io.sealift.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealift.agent.crypto.Fingerprint;
import io.sealift.agent.testing.FakeControlPlane;
import io.sealift.agent.testing.TestAgent;
import io.sealift.agent.testing.TestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCliTest {
    private static final Fingerprint CA = Fingerprint.of(new byte[] {1});

    @TempDir
    Path home;

    @Test
    void version_printsNameAndProjectVersion() {
        TestAgent.Result result = new TestAgent(home).execute("--version");

        assertEquals(0, result.exitCode());
        assertTrue(result.out().matches("sealift-agent \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"), result.out());
    }

    @Test
    void noCommand_isAUsageError() {
        TestAgent.Result result = new TestAgent(home).execute();

        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("sealift-agent: missing command: one of enroll, run, status, report\n"), result.err());
    }

    @Test
    void missingOption_isAUsageErrorWithAHint() {
        TestAgent.Result result = new TestAgent(home).execute("enroll", "--token", "t");

        assertEquals(2, result.exitCode());
        assertEquals("sealift-agent: Missing required option: '--config=FILE'\n"
                + "Try 'sealift-agent enroll --help' for more information.\n", result.err());
    }

    @Test
    void badConfig_exits2NamingFileAndKey() throws Exception {
        TestAgent agent = new TestAgent(home);
        agent.writeConfig("cp:7443", CA, "sources: {HR: {path: /x}}\n");

        TestAgent.Result result = agent.execute("status", "--config", agent.config().toString());

        assertEquals(2, result.exitCode());
        assertEquals("sealift-agent: config " + agent.config() + ": sources.HR is not a valid endpoint name:"
                + " names must match [a-z0-9][a-z0-9._-]{0,62}\n", result.err());
    }

    @Test
    void status_withAConfigOtherUsersCanWrite_exits2NamingTheFileItsModeAndTheFix() throws Exception {
        TestAgent agent = new TestAgent(home);
        agent.writeConfig("cp:7443", CA, "");
        Files.setPosixFilePermissions(agent.config(), PosixFilePermissions.fromString("rw-r---w-"));

        TestAgent.Result result = agent.execute("status", "--config", agent.config().toString());

        assertEquals(2, result.exitCode());
        assertEquals("sealift-agent: config " + agent.config() + ": writable by other users (mode 0642); run: chmod 640 "
                + agent.config() + "\n", result.err());
    }

    @Test
    void failure_withVerbose_showsTheStackTrace() {
        TestAgent agent = new TestAgent(home);
        agent.writeConfig("cp:7443", CA, "");

        TestAgent.Result quiet = agent.execute("run", "--config", agent.config().toString());
        TestAgent.Result verbose = agent.execute("run", "--config", agent.config().toString(), "--verbose");

        assertEquals(1, quiet.err().lines().count(), quiet.err());
        assertTrue(verbose.err().contains("\tat io.sealift.agent."), verbose.err());
    }

    @Test
    void status_whenNotEnrolled_saysSoAndExits0() throws Exception {
        TestAgent agent = new TestAgent(home);
        agent.writeConfig("cp:7443", CA, "");

        TestAgent.Result text = agent.execute("status", "--config", agent.config().toString());
        TestAgent.Result json = agent.execute("status", "--config", agent.config().toString(), "--json");

        assertEquals(0, text.exitCode());
        assertTrue(text.out().startsWith("enrolled:        no\n"), text.out());
        assertEquals(0, json.exitCode());
        JsonNode status = new ObjectMapper().readTree(json.out());
        assertEquals(false, status.get("enrolled").asBoolean());
        assertEquals(agent.stateDir().toString(), status.get("stateDir").asText());
    }

    @Test
    void status_whenEnrolled_printsIdentityAsJson() throws Exception {
        TestCa ca = TestCa.create("Sealift test CA");
        try (FakeControlPlane controlPlane = FakeControlPlane.start(ca)) {
            TestAgent agent = new TestAgent(home);
            agent.writeConfig(controlPlane.address(), ca.fingerprint(), "");
            TestAgent.Result enrolled = agent.enroll("sle_token", "--name", "db-1");
            assertEquals(0, enrolled.exitCode(), enrolled.all());

            TestAgent.Result json = agent.execute("status", "--config", agent.config().toString(), "--json");
            TestAgent.Result text = agent.execute("status", "--config", agent.config().toString());

            assertEquals(0, json.exitCode(), json.all());
            JsonNode status = new ObjectMapper().readTree(json.out());
            assertEquals(true, status.get("enrolled").asBoolean());
            assertTrue(enrolled.out().contains(status.get("agentId").asText()));
            assertTrue(enrolled.out().contains("fingerprint " + status.get("fingerprint").asText()));
            assertTrue(status.get("fingerprint").asText().matches("sha256:[0-9a-f]{64}"));
            assertTrue(status.get("hpkeFingerprint").asText().matches("sha256:[0-9a-f]{64}"));
            assertEquals(FakeControlPlane.TENANT_ID, status.get("tenantId").asText());
            assertEquals("db-1", status.get("name").asText());
            assertEquals(controlPlane.address(), status.get("controlPlane").asText());
            assertEquals(ca.fingerprint().value(), status.get("caFingerprint").asText());
            assertTrue(status.get("connection").isNull(), "never connected");
            assertTrue(text.out().contains("fingerprint:     " + status.get("fingerprint").asText() + "\n"), text.out());
            assertTrue(text.out().contains("connection:      never connected\n"), text.out());
            assertTrue(Files.exists(agent.stateDir().resolve("agent.json")));
        }
    }
}
