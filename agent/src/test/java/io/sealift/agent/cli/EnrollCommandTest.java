package io.sealift.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.sealift.agent.crypto.VerifiedKeyBundle;
import io.sealift.agent.state.KeyEncryptionKey;
import io.sealift.agent.testing.FakeControlPlane;
import io.sealift.agent.testing.LogCapture;
import io.sealift.agent.testing.TestAgent;
import io.sealift.agent.testing.TestCa;
import io.sealift.proto.v1.EnrollRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnrollCommandTest {
    private static final String CANARY_TOKEN = "sle_CANARY7f3a9c1e5b2d8046TOKEN";
    private static final Pattern SUCCESS = Pattern.compile(
            "enrolled agent ([0-9a-f-]{36}) \\(name ([^)]+)\\)\nfingerprint (sha256:[0-9a-f]{64})\n");

    private static TestCa ca;
    private static FakeControlPlane controlPlane;

    @TempDir
    Path home;

    private TestAgent agent;

    @BeforeAll
    static void startControlPlane() {
        ca = TestCa.create("Sealift test CA");
        controlPlane = FakeControlPlane.start(ca);
    }

    @AfterAll
    static void stopControlPlane() {
        controlPlane.close();
    }

    @BeforeEach
    void newAgent() {
        controlPlane.failEnrollment(null);
        controlPlane.enrollRequests.clear();
        agent = new TestAgent(home);
        agent.writeConfig(controlPlane.address(), ca.fingerprint(), "sources: {}\ntargets: {}\n");
    }

    @Test
    void enroll_withValidToken_storesStateAndPrintsIdAndFingerprint() throws Exception {
        TestAgent.Result result = agent.enroll(CANARY_TOKEN, "--name", "host-1");

        assertEquals(0, result.exitCode(), result.all());
        Matcher printed = SUCCESS.matcher(result.out());
        assertTrue(printed.matches(), result.out());
        assertEquals("host-1", printed.group(2));

        EnrollRequest request = controlPlane.enrollRequests.take();
        VerifiedKeyBundle bundle = VerifiedKeyBundle.verify(request.getKeyBundle());
        assertEquals(printed.group(3), bundle.fingerprint().value(), "the printed fingerprint is the identity key's");
        assertEquals(ca.fingerprint().value(), bundle.bundle().getCaFingerprint());
        assertEquals("host-1", request.getName());
        assertFalse(request.getVersion().isEmpty());

        Path state = agent.stateDir();
        for (String file : List.of("agent.json", "kek", "keys/identity.keyset", "keys/hpke.keyset", "keys/tls.key",
                "keys/key-bundle.pb", "certs/ca.pem", "certs/client-chain.pem")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve(file))), file);
        }
        for (String dir : List.of("", "keys", "certs")) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve(dir))), dir);
        }
        String agentJson = Files.readString(state.resolve("agent.json"));
        assertTrue(agentJson.contains("\"agentId\" : \"" + printed.group(1) + "\""), agentJson);
        assertTrue(agentJson.contains("\"fingerprint\" : \"" + printed.group(3) + "\""), agentJson);
        assertTrue(agentJson.contains("\"tenantId\" : \"" + FakeControlPlane.TENANT_ID + "\""), agentJson);
    }

    @Test
    void enroll_withoutName_usesTheSanitizedHostName() throws InterruptedException {
        TestAgent.Result result = agent.enroll(CANARY_TOKEN);

        assertEquals(0, result.exitCode(), result.all());
        assertEquals("test-host.example", controlPlane.enrollRequests.take().getName());
    }

    @Test
    void enroll_withTokenFile_readsTheTokenFromIt() throws Exception {
        Path tokenFile = home.resolve("token");
        Files.writeString(tokenFile, CANARY_TOKEN + "\n");

        TestAgent.Result result = agent.execute("enroll", "--config", agent.config().toString(),
                "--token-file", tokenFile.toString());

        assertEquals(0, result.exitCode(), result.all());
        assertEquals(CANARY_TOKEN, controlPlane.enrollRequests.take().getToken());
    }

    @ParameterizedTest
    @ValueSource(strings = {"enrollment token has expired", "enrollment token was already used",
            "enrollment token was revoked", "enrollment token is unknown"})
    void enroll_withRefusedToken_exits3AndSaysWhy(String description) throws IOException {
        controlPlane.failEnrollment(Status.UNAUTHENTICATED.withDescription(description));

        TestAgent.Result result = agent.enroll(CANARY_TOKEN);

        assertEquals(3, result.exitCode(), result.all());
        assertEquals("sealift-agent: enrollment refused: " + description + "\n", result.err());
        assertEquals("", result.out());
        assertNoFilesIn(agent.stateDir());
    }

    @Test
    void enroll_whenControlPlaneEchoesTheToken_redactsIt() {
        controlPlane.failEnrollment(Status.UNAUTHENTICATED.withDescription("token " + CANARY_TOKEN + " is unknown"));

        TestAgent.Result result = agent.enroll(CANARY_TOKEN);

        assertEquals(3, result.exitCode(), result.all());
        assertFalse(result.all().contains(CANARY_TOKEN), result.all());
        assertTrue(result.err().contains("token [redacted] is unknown"), result.err());
    }

    @Test
    void enroll_againstAnotherCa_exits4WithBothFingerprintsAndStoresNothing() throws Exception {
        TestCa other = TestCa.create("Impostor CA");
        try (FakeControlPlane impostor = FakeControlPlane.start(other)) {
            agent.writeConfig(impostor.address(), ca.fingerprint(), "");

            TestAgent.Result result = agent.enroll(CANARY_TOKEN);

            assertEquals(4, result.exitCode(), result.all());
            assertTrue(result.err().startsWith("sealift-agent: control plane CA fingerprint does not match the pinned one"),
                    result.err());
            assertTrue(result.err().contains(ca.fingerprint().value()), result.err());
            assertTrue(result.err().contains(other.fingerprint().value()), result.err());
            assertTrue(impostor.enrollRequests.isEmpty(), "the token was never sent");
            assertNoFilesIn(agent.stateDir());
        }
    }

    @Test
    void enroll_withServerCertificateForAnotherHost_failsHostNameVerification() throws Exception {
        try (FakeControlPlane wrongName = FakeControlPlane.start(ca, ca.issueServer("other.example"))) {
            agent.writeConfig(wrongName.address(), ca.fingerprint(), "");

            TestAgent.Result result = agent.enroll(CANARY_TOKEN);

            assertEquals(1, result.exitCode(), result.all());
            assertTrue(result.err().startsWith("sealift-agent: cannot reach control plane at " + wrongName.address()),
                    result.err());
            assertTrue(wrongName.enrollRequests.isEmpty(), "the token was never sent");
        }
    }

    @Test
    void enroll_whenControlPlaneIsDown_exits1AndSaysItCannotReachIt() throws Exception {
        FakeControlPlane down = FakeControlPlane.start(ca);
        down.stop();
        agent.writeConfig(down.address(), ca.fingerprint(), "");

        TestAgent.Result result = agent.enroll(CANARY_TOKEN);

        assertEquals(1, result.exitCode(), result.all());
        assertTrue(result.err().startsWith("sealift-agent: cannot reach control plane at " + down.address()), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
    }

    @Test
    void enroll_withInvalidArgumentFromControlPlane_exits1() {
        controlPlane.failEnrollment(Status.INVALID_ARGUMENT.withDescription("csr does not match tls_public_key"));

        TestAgent.Result result = agent.enroll(CANARY_TOKEN);

        assertEquals(1, result.exitCode(), result.all());
        assertEquals("sealift-agent: control plane rejected the enrollment request: csr does not match tls_public_key\n",
                result.err());
    }

    @Test
    void enroll_whenAlreadyEnrolled_refusesWithoutForce_andReplacesWithForce() {
        TestAgent.Result first = agent.enroll(CANARY_TOKEN);
        assertEquals(0, first.exitCode(), first.all());

        TestAgent.Result again = agent.enroll(CANARY_TOKEN);
        assertEquals(2, again.exitCode(), again.all());
        assertTrue(again.err().contains("already enrolled"), again.err());
        assertTrue(again.err().contains("--force"), again.err());

        TestAgent.Result forced = agent.enroll(CANARY_TOKEN, "--force");
        assertEquals(0, forced.exitCode(), forced.all());
        assertFalse(forced.out().equals(first.out()), "a new identity");
    }

    @Test
    void enroll_refusedWithForce_keepsTheExistingEnrollment() throws IOException {
        assertEquals(0, agent.enroll(CANARY_TOKEN).exitCode());
        String before = Files.readString(agent.stateDir().resolve("agent.json"));
        controlPlane.failEnrollment(Status.UNAUTHENTICATED.withDescription("enrollment token has expired"));

        assertEquals(3, agent.enroll(CANARY_TOKEN, "--force").exitCode());

        assertEquals(before, Files.readString(agent.stateDir().resolve("agent.json")));
    }

    @Test
    void enroll_withBadName_isAUsageError() {
        TestAgent.Result result = agent.enroll(CANARY_TOKEN, "--name", "bad name!");

        assertEquals(2, result.exitCode(), result.all());
        assertTrue(result.err().contains("must be 1-64 characters"), result.err());
    }

    @Test
    void enroll_neverShowsTheTokenInOutputOrLogs() {
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
        try (LogCapture logs = LogCapture.start()) {
            List<TestAgent.Result> results = List.of(
                    agent.enroll(CANARY_TOKEN, "--verbose"),
                    agent.enroll(CANARY_TOKEN, "--verbose"),
                    agent.execute("enroll", "--config", agent.config().toString(), "--tokne", CANARY_TOKEN),
                    agent.execute("enroll", "--config", agent.config().toString(), "--token", CANARY_TOKEN + " x"),
                    agent.execute("enroll", "--config", agent.config().toString(), "--token", CANARY_TOKEN,
                            "--token", CANARY_TOKEN),
                    agent.execute("enroll", "--config", agent.config().toString(), "--token", CANARY_TOKEN, CANARY_TOKEN));
            controlPlane.failEnrollment(Status.UNAUTHENTICATED.withDescription("enrollment token was revoked"));
            TestAgent.Result refused = agent.enroll(CANARY_TOKEN, "--force", "--verbose");

            assertEquals(3, refused.exitCode(), refused.all());
            for (TestAgent.Result result : Stream.concat(results.stream(), Stream.of(refused)).toList()) {
                assertFalse(result.all().contains(CANARY_TOKEN), result.all());
                assertFalse(result.all().contains("CANARY"), result.all());
            }
            assertFalse(logs.text().contains("CANARY"), logs.text());
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
        assertFalse(console.toString(StandardCharsets.UTF_8).contains("CANARY"));
    }

    @Test
    void enroll_withSystemdCredential_usesItAsKeyEncryptionKey() throws Exception {
        Path credentials = Files.createDirectory(home.resolve("credentials"));
        KeyEncryptionKey.loadOrCreate(credentials.resolve("sealift-kek"));
        agent.environment(Map.of("CREDENTIALS_DIRECTORY", credentials.toString()));

        TestAgent.Result result = agent.enroll(CANARY_TOKEN);

        assertEquals(0, result.exitCode(), result.all());
        assertFalse(Files.exists(agent.stateDir().resolve("kek")), "no KEK beside the keys");
    }

    @Test
    void enroll_withAConfigOtherUsersCanRead_exits2BeforeContactingTheControlPlane() throws IOException {
        Files.setPosixFilePermissions(agent.config(), PosixFilePermissions.fromString("rw-rw-r--"));

        TestAgent.Result result = agent.enroll(CANARY_TOKEN);

        assertEquals(2, result.exitCode(), result.all());
        assertEquals("sealift-agent: config " + agent.config() + ": readable by other users, writable by its group"
                + " (mode 0664); run: chmod 640 " + agent.config() + "\n", result.err());
        assertTrue(controlPlane.enrollRequests.isEmpty(), "the token was not sent");
    }

    @Test
    void enroll_withAKeyEncryptionKeyFileItsGroupCanRead_exits2AndStoresNothing() throws IOException {
        Path kek = home.resolve("agent.kek");
        KeyEncryptionKey.loadOrCreate(kek);
        Files.setPosixFilePermissions(kek, PosixFilePermissions.fromString("rw-r-----"));
        agent.writeConfig(controlPlane.address(), ca.fingerprint(), "keyEncryptionKeyFile: " + kek + "\n");

        TestAgent.Result result = agent.enroll(CANARY_TOKEN);

        assertEquals(2, result.exitCode(), result.all());
        assertEquals("sealift-agent: key-encryption key " + kek + ": readable by its group (mode 0640); run: chmod 600 "
                + kek + "\n", result.err());
        assertNoFilesIn(agent.stateDir());
        assertTrue(controlPlane.enrollRequests.isEmpty(), "the token was not sent");
    }

    private static void assertNoFilesIn(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            assertTrue(regular.isEmpty(), "stored: " + regular);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

}
