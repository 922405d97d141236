package io.sealift.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.sealift.agent.testing.FakeControlPlane;
import io.sealift.agent.testing.TestAgent;
import io.sealift.agent.testing.TestCa;
import io.sealift.agent.testing.TestTrees;
import io.sealift.proto.v1.ControlMessage;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.JobAssignment;
import io.sealift.proto.v1.JobOutcome;
import io.sealift.proto.v1.JobResult;
import io.sealift.proto.v1.TransferRole;
import io.sealift.testsupport.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two agents, each running {@code sealift-agent run} against a control plane over mutual TLS,
 * migrate a tree through its relay: the real wiring from assignment to signed result.
 */
class RunTransferTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern ENROLLED = Pattern.compile("enrolled agent ([0-9a-f-]{36}) .*\nfingerprint (sha256:[0-9a-f]{64})\n");
    private static final String MARKER = "ZK-MARKER-77e0a4";

    @TempDir
    Path home;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private FakeControlPlane controlPlane;
    private TestCa ca;
    private TestAgent sourceAgent;
    private TestAgent targetAgent;
    private String sourceId;
    private String targetId;
    private Path source;
    private Path target;

    @BeforeEach
    void twoEnrolledAgents() throws Exception {
        ca = TestCa.create("Sealift test CA");
        controlPlane = FakeControlPlane.start(ca);
        sourceAgent = new TestAgent(home.resolve("agent-a"));
        targetAgent = new TestAgent(home.resolve("agent-b"));
        String[] a = enroll(sourceAgent);
        String[] b = enroll(targetAgent);
        sourceId = a[0];
        targetId = b[0];
        source = home.resolve("data/" + MARKER + "-source");
        target = home.resolve("landing");
        TestTrees.sample(source, 256 * 1024, 99);
        Files.writeString(source.resolve(MARKER + ".txt"), MARKER.repeat(1000));
        sourceAgent.writeConfig(controlPlane.address(), ca.fingerprint(),
                "sources:\n  hr-share: {path: " + source + ", recipients: [" + b[1] + "]}\n");
        targetAgent.writeConfig(controlPlane.address(), ca.fingerprint(),
                "targets:\n  landing: {path: " + target + ", senders: [" + a[1] + "]}\n");
    }

    private String[] enroll(TestAgent agent) {
        agent.writeConfig(controlPlane.address(), ca.fingerprint(), "");
        TestAgent.Result enrolled = agent.enroll("sle_test-token");
        assertEquals(0, enrolled.exitCode(), enrolled.all());
        Matcher m = ENROLLED.matcher(enrolled.out());
        assertTrue(m.matches(), enrolled.out());
        return new String[] {m.group(1), m.group(2)};
    }

    @AfterEach
    void stop() throws Exception {
        sourceAgent.terminate();
        targetAgent.terminate();
        background.shutdownNow();
        background.awaitTermination(10, TimeUnit.SECONDS);
        controlPlane.close();
    }

    private Future<TestAgent.Result> run(TestAgent agent) {
        return background.submit(() -> agent.execute("run", "--config", agent.config().toString()));
    }

    private JobAssignment assignment(TransferRole role, String endpoint, String peer) {
        return JobAssignment.newBuilder().setJobId("5b0c3c9e-8a8f-4f7e-9a7e-2b6f0f3a1c01").setAttempt(1).setSession(1)
                .setRole(role).setEndpoint(endpoint).setPeerAgentId(peer).setPeerKeyBundle(controlPlane.bundles.get(peer))
                .build();
    }

    /** Collects reports until each agent has sent a result. */
    private Map<String, JobResult> results() throws InterruptedException {
        Map<String, JobResult> results = new HashMap<>();
        while (results.size() < 2) {
            FakeControlPlane.AgentReport report = controlPlane.reports.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (report == null) {
                throw new AssertionError("no result within " + WAIT + "; got " + results);
            }
            if (report.message().hasResult()) {
                results.put(report.agentId(), report.message().getResult());
            }
        }
        return results;
    }

    @Test
    void runningAgents_migrateATreeThroughTheRelay_andReportSignedResults_whileTheRelaySeesOnlyCiphertext()
            throws Exception {
        Future<TestAgent.Result> a = run(sourceAgent);
        Future<TestAgent.Result> b = run(targetAgent);
        Await.until("both agents connected", WAIT, () -> controlPlane.connected(sourceId) && controlPlane.connected(targetId));

        controlPlane.send(targetId, ControlMessage.newBuilder().setAssignment(
                assignment(TransferRole.TRANSFER_ROLE_TARGET, "landing", sourceId)).build());
        controlPlane.send(sourceId, ControlMessage.newBuilder().setAssignment(
                assignment(TransferRole.TRANSFER_ROLE_SOURCE, "hr-share", targetId)).build());

        Map<String, JobResult> results = results();
        assertEquals(JobOutcome.JOB_OUTCOME_SUCCEEDED, results.get(targetId).getOutcome(), results.toString());
        assertEquals(JobOutcome.JOB_OUTCOME_SUCCEEDED, results.get(sourceId).getOutcome(), results.toString());
        TestTrees.assertSameTree(source, target);
        byte[] marker = MARKER.getBytes(StandardCharsets.UTF_8);
        assertFalse(controlPlane.relay.forwarded.isEmpty());
        for (ByteString payload : controlPlane.relay.forwarded) {
            assertFalse(payload.toString(StandardCharsets.ISO_8859_1).contains(new String(marker, StandardCharsets.ISO_8859_1)));
        }

        assertTrue(sourceAgent.terminate());
        assertTrue(targetAgent.terminate());
        TestAgent.Result sourceRun = a.get(30, TimeUnit.SECONDS);
        TestAgent.Result targetRun = b.get(30, TimeUnit.SECONDS);
        assertEquals(0, sourceRun.exitCode());
        assertEquals(0, targetRun.exitCode());
        // Both agents share this JVM's logging, so either may hold the other's lines.
        String logs = sourceRun.err() + targetRun.err();
        assertTrue(logs.contains("verified 8 files"), logs);
    }

    @Test
    void aJobNamingAnUndeclaredEndpoint_failsWithTheCodeOnly() throws Exception {
        run(sourceAgent);
        Await.until("the agent connected", WAIT, () -> controlPlane.connected(sourceId));

        controlPlane.send(sourceId, ControlMessage.newBuilder().setAssignment(
                assignment(TransferRole.TRANSFER_ROLE_SOURCE, "payroll", targetId)).build());

        FakeControlPlane.AgentReport report = controlPlane.reports.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(report != null && report.message().hasResult());
        assertEquals(ErrorCode.ENDPOINT_UNKNOWN, report.message().getResult().getError());
        assertFalse(report.message().toString().contains("payroll"), "no free text, not even the name");
    }
}
