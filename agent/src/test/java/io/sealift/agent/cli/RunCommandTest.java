package io.sealift.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import io.sealift.agent.state.KeyEncryptionKey;
import io.sealift.agent.testing.FakeControlPlane;
import io.sealift.agent.testing.TestAgent;
import io.sealift.agent.testing.TestCa;
import io.sealift.proto.v1.Hello;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    private static final String PATH_MARKER = "/srv/PATH-MARKER-5c1e";
    private static final long WAIT_SECONDS = 15;

    @TempDir
    Path home;

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private TestCa ca;
    private FakeControlPlane controlPlane;
    private TestAgent agent;

    @BeforeEach
    void enrolledAgent() {
        ca = TestCa.create("Sealift test CA");
        controlPlane = FakeControlPlane.start(ca);
        agent = new TestAgent(home);
        agent.writeConfig(controlPlane.address(), ca.fingerprint(), "");
        TestAgent.Result enrolled = agent.enroll("sle_test-token");
        assertEquals(0, enrolled.exitCode(), enrolled.all());
        agent.writeConfig(controlPlane.address(), ca.fingerprint(), "sources:\n"
                + "  hr-share: {path: " + PATH_MARKER + "/hr, recipients: [], exclude: ['*.tmp']}\n"
                + "targets:\n"
                + "  landing: {path: " + PATH_MARKER + "/landing, senders: []}\n"
                + "  archive.2026: {path: " + PATH_MARKER + "/archive}\n");
    }

    @AfterEach
    void stopEverything() throws Exception {
        agent.terminate();
        background.shutdownNow();
        background.awaitTermination(10, TimeUnit.SECONDS);
        controlPlane.close();
    }

    @Test
    void run_connectsWithMutualTls_sendsNamesOnly_heartbeats_reconnects_andStopsCleanly() throws Exception {
        Future<TestAgent.Result> run = background.submit(() -> agent.execute("run", "--config", agent.config().toString()));

        Hello hello = take(controlPlane.hellos);
        assertEquals(List.of("hr-share"), hello.getSourceNamesList());
        assertEquals(List.of("archive.2026", "landing"), hello.getTargetNamesList());
        assertFalse(hello.getVersion().isEmpty());
        assertFalse(hello.toString().contains(PATH_MARKER), "no path reaches the control plane: " + hello);
        assertEquals(1L, take(controlPlane.heartbeats));
        assertEquals(2L, take(controlPlane.heartbeats));
        assertTrue(Files.readString(agent.stateDir().resolve("status.json")).contains("\"state\" : \"connected\""));

        controlPlane.stop();
        controlPlane.heartbeats.clear();
        controlPlane.restart();
        assertNotNull(take(controlPlane.hellos), "reconnected after the restart");
        assertEquals(1L, take(controlPlane.heartbeats), "heartbeats start over on the new stream");

        assertTrue(agent.terminate(), "the shutdown hook stopped a running agent");
        TestAgent.Result result = run.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(0, result.exitCode(), result.all());
        assertTrue(take(controlPlane.streamEnds).startsWith("cancelled "), "the stream was cancelled, not left open");
        assertTrue(result.err().contains("connected to control plane " + controlPlane.address() + " as agent "), result.err());
        assertTrue(result.err().contains("reconnecting in "), result.err());
        assertTrue(Files.readString(agent.stateDir().resolve("status.json")).contains("\"state\" : \"stopped\""));

        TestAgent.Result status = agent.execute("status", "--config", agent.config().toString());
        assertTrue(status.out().contains("connection:      stopped since "), status.out());
    }

    @Test
    void run_whenRevoked_exits5AndSaysSo() throws Exception {
        controlPlane.failConnect(Status.PERMISSION_DENIED.withDescription("agent is revoked"));
        String agentId = agentId();

        TestAgent.Result result = background.submit(() -> agent.execute("run", "--config", agent.config().toString()))
                .get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertEquals(5, result.exitCode(), result.all());
        assertTrue(result.err().contains("sealift-agent: agent " + agentId + " was revoked by the control plane"),
                result.err());
        assertTrue(Files.readString(agent.stateDir().resolve("status.json")).contains("\"state\" : \"revoked\""));
        assertFalse(agent.terminate(), "nothing left to stop");
    }

    @Test
    void run_withChangedCaPin_exits4() {
        TestCa other = TestCa.create("Another CA");
        agent.writeConfig(controlPlane.address(), other.fingerprint(), "");

        TestAgent.Result result = agent.execute("run", "--config", agent.config().toString());

        assertEquals(4, result.exitCode(), result.all());
        assertTrue(result.err().contains(other.fingerprint().value()), result.err());
        assertTrue(result.err().contains(ca.fingerprint().value()), result.err());
    }

    @Test
    void run_whenNotEnrolled_exits2() throws Exception {
        TestAgent fresh = new TestAgent(home.resolve("fresh"));
        fresh.writeConfig(controlPlane.address(), ca.fingerprint(), "");

        TestAgent.Result result = fresh.execute("run", "--config", fresh.config().toString());

        assertEquals(2, result.exitCode(), result.all());
        assertTrue(result.err().startsWith("sealift-agent: agent is not enrolled"), result.err());
    }

    @Test
    void run_withWrongKeyEncryptionKey_failsClearly() throws Exception {
        Files.delete(agent.stateDir().resolve("kek"));
        KeyEncryptionKey.loadOrCreate(agent.stateDir().resolve("kek"));

        TestAgent.Result result = agent.execute("run", "--config", agent.config().toString());

        assertEquals(1, result.exitCode(), result.all());
        assertTrue(result.err().contains("wrong key-encryption key"), result.err());
    }

    @Test
    void runAsAService_asRoot_refusesWithOneLineAndExit2() {
        agent.runAs(() -> OptionalLong.of(0));

        TestAgent.Result result = agent.execute("run", "--service", "--config", agent.config().toString());

        assertEquals(2, result.exitCode(), result.all());
        assertEquals("sealift-agent: refusing to run as root with --service: run the agent as its own user (the"
                + " unit's User=sealift), or pass --allow-root to run as root anyway\n", result.err());
        assertFalse(agent.running(), "nothing was started");
        assertTrue(controlPlane.hellos.isEmpty());
    }

    @Test
    void runAsAService_asRoot_withAllowRoot_runsAndWarns() throws Exception {
        agent.runAs(() -> OptionalLong.of(0));

        TestAgent.Result result = runUntilConnectedThenStop("--service", "--allow-root");

        assertEquals(0, result.exitCode(), result.all());
        assertTrue(result.err().contains(" WARNING running as root (--allow-root): the agent needs no privileges"),
                result.err());
    }

    @Test
    void plainRun_asRoot_onlyWarns() throws Exception {
        agent.runAs(() -> OptionalLong.of(0));

        TestAgent.Result result = runUntilConnectedThenStop();

        assertEquals(0, result.exitCode(), result.all());
        assertTrue(result.err().contains(" WARNING running as root: the agent needs no privileges"), result.err());
    }

    @Test
    void runAsAService_asItsOwnUser_runsWithoutWarnings() throws Exception {
        TestAgent.Result result = runUntilConnectedThenStop("--service");

        assertEquals(0, result.exitCode(), result.all());
        assertFalse(result.err().contains("WARNING"), result.err());
    }

    @Test
    void run_withAConfigOtherUsersCanRead_exits2NamingTheFileItsModeAndTheFix() throws Exception {
        Files.setPosixFilePermissions(agent.config(), PosixFilePermissions.fromString("rw-r--r--"));

        TestAgent.Result result = agent.execute("run", "--service", "--config", agent.config().toString());

        assertEquals(2, result.exitCode(), result.all());
        assertEquals("sealift-agent: config " + agent.config() + ": readable by other users (mode 0644); run: chmod 640 "
                + agent.config() + "\n", result.err());
    }

    @Test
    void run_withAKeyFileItsGroupCanRead_exits2NamingTheFile() throws Exception {
        Path key = agent.stateDir().resolve("keys/identity.keyset");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));

        TestAgent.Result result = agent.execute("run", "--config", agent.config().toString());

        assertEquals(2, result.exitCode(), result.all());
        assertEquals("sealift-agent: key file " + key + ": readable by its group (mode 0640); run: chmod 600 " + key + "\n",
                result.err());
    }

    @Test
    void run_withAKeyEncryptionKeyOthersCanRead_exits2NamingTheFile() throws Exception {
        Path kek = agent.stateDir().resolve("kek");
        Files.setPosixFilePermissions(kek, PosixFilePermissions.fromString("rw----r--"));

        TestAgent.Result result = agent.execute("run", "--config", agent.config().toString());

        assertEquals(2, result.exitCode(), result.all());
        assertTrue(result.err().startsWith("sealift-agent: key-encryption key " + kek + ": readable by other users"),
                result.err());
    }

    /** Starts {@code run} with {@code extra} options, waits for its first heartbeat, stops it the way SIGTERM would. */
    private TestAgent.Result runUntilConnectedThenStop(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--config", agent.config().toString()));
        args.addAll(List.of(extra));
        Future<TestAgent.Result> run = background.submit(() -> agent.execute(args.toArray(String[]::new)));
        assertEquals(1L, take(controlPlane.heartbeats));
        assertTrue(agent.terminate(), "the shutdown hook stopped a running agent");
        return run.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private String agentId() throws Exception {
        String json = agent.execute("status", "--config", agent.config().toString(), "--json").out();
        return new ObjectMapper().readTree(json).get("agentId").asText();
    }

    private static <T> T take(BlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(value, "timed out waiting for the control plane to see it");
        return value;
    }
}
