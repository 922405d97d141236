package io.sealift.control.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.sealift.control.agents.Agent;
import io.sealift.control.agents.AgentRepository;
import io.sealift.control.audit.AuditEvent;
import io.sealift.control.audit.AuditEventRepository;
import io.sealift.control.ca.CertificateAuthority;
import io.sealift.control.grpc.AgentGrpcServer;
import io.sealift.control.grpc.ConnectedAgent;
import io.sealift.control.grpc.RecordingStreamListener;
import io.sealift.control.grpc.StoreFixtures;
import io.sealift.control.testing.ApiTestBase;
import io.sealift.control.testing.MutableClock;
import io.sealift.control.testing.RestClient.Response;
import io.sealift.proto.v1.AgentMessage;
import io.sealift.proto.v1.ControlMessage;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.FileErrorCount;
import io.sealift.proto.v1.JobAssignment;
import io.sealift.proto.v1.JobOutcome;
import io.sealift.proto.v1.JobProgress;
import io.sealift.proto.v1.JobResult;
import io.sealift.proto.v1.Receipt;
import io.sealift.proto.v1.SignedReceipt;
import io.sealift.proto.v1.TransferRole;
import io.sealift.proto.v1.TransferScope;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Jobs driven end to end through the real servers: REST calls, and enrolled agents on mutual-TLS
 * control streams that say Hello, receive assignments and cancellations, and report progress and
 * results. The clock is the test's, so rates, ETAs and backoffs are exact; the sweep runs only
 * when a test calls it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobFlowTest extends ApiTestBase {
    @Inject AgentGrpcServer grpc;
    @Inject CertificateAuthority ca;
    @Inject StoreFixtures store;
    @Inject RecordingStreamListener streams;
    @Inject MutableClock clock;
    @Inject JobScheduler scheduler;
    @Inject AgentRepository agents;
    @Inject AuditEventRepository audit;
    @Inject SessionResultRepository results;
    @Inject JobSessionRepository sessions;

    private final List<ConnectedAgent> opened = new ArrayList<>();
    private UUID tenant;
    private String operator;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(MutableClock.PROPERTY, "true", "sealift.jobs.sweep-interval", "1h",
                "sealift.grpc.heartbeat-interval", "1h");
    }

    @BeforeAll
    void createTenant() {
        tenant = createTenant("flow");
        operator = mintToken(tenant, "operator");
    }

    @AfterEach
    void closeAgents() {
        opened.forEach(ConnectedAgent::close);
        opened.clear();
    }

    private ConnectedAgent source() {
        return enroll().connect(List.of("hr-share"), List.of());
    }

    private ConnectedAgent target() {
        return enroll().connect(List.of(), List.of("landing"));
    }

    private ConnectedAgent enroll() {
        ConnectedAgent agent = ConnectedAgent.enroll(grpc, ca, store, tenant);
        opened.add(agent);
        return agent;
    }

    private Response createJob(ConnectedAgent source, ConnectedAgent target) {
        Response created = rest().post("api/v1/tenants/" + tenant + "/jobs", operator,
                "{\"source\":{\"agent\":\"" + source.id() + "\",\"endpoint\":\"hr-share\"},"
                        + "\"target\":{\"agent\":\"" + target.id() + "\",\"endpoint\":\"landing\"}}");
        assertEquals(201, created.status(), created::toString);
        return created;
    }

    /** Creates a job for two connected agents and takes both assignments. */
    private UUID runningJob(ConnectedAgent source, ConnectedAgent target) {
        UUID id = UUID.fromString(createJob(source, target).field("id"));
        source.nextAssignment();
        target.nextAssignment();
        return id;
    }

    private Map<String, Object> job(UUID id) {
        Response response = rest().get("api/v1/tenants/" + tenant + "/jobs/" + id, operator);
        assertEquals(200, response.status(), response::toString);
        return response.object();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> member(Map<String, Object> json, String name) {
        return (Map<String, Object>) json.get(name);
    }

    private static long number(Map<String, Object> json, String name) {
        return ((Number) json.get(name)).longValue();
    }

    private List<AuditEvent> audits(String action, UUID jobId) {
        return audit.findByActionOrderBySeq(action).stream().filter(r -> ("job:" + jobId).equals(r.target()))
                .toList();
    }

    private static AgentMessage progress(UUID jobId, long session, long bytesDone, long bytesTotal) {
        return AgentMessage.newBuilder().setProgress(JobProgress.newBuilder().setJobId(jobId.toString())
                .setSession(session).setBytesDone(bytesDone).setBytesTotal(bytesTotal).setFilesDone(1)
                .setFilesTotal(3)).build();
    }

    /** A result of {@code agent} in {@code role}, with a receipt signed by {@code signer}'s identity key. */
    private static AgentMessage result(ConnectedAgent agent, ConnectedAgent signer, UUID jobId, TransferRole role,
            JobOutcome outcome) {
        byte[] receipt = Receipt.newBuilder().setPurpose("sealift.v1.Receipt").setJobId(jobId.toString())
                .setSession(1).setAgentId(agent.id().toString()).setRole(role).setFiles(3).setBytes(4096)
                .setCiphertextRoot(ByteString.copyFrom(new byte[] {(byte) 0xab, 0x01})).build().toByteArray();
        return AgentMessage.newBuilder().setResult(JobResult.newBuilder().setJobId(jobId.toString()).setSession(1)
                .setOutcome(outcome).setFilesDone(3).setBytesDone(4096)
                .setReceipt(SignedReceipt.newBuilder().setReceipt(ByteString.copyFrom(receipt))
                        .setSignature(ByteString.copyFrom(signer.keys().signature(receipt))))).build();
    }

    private static AgentMessage failure(UUID jobId, long session, ErrorCode code, boolean retryable) {
        return AgentMessage.newBuilder().setResult(JobResult.newBuilder().setJobId(jobId.toString())
                .setSession(session).setOutcome(JobOutcome.JOB_OUTCOME_FAILED).setError(code)
                .setRetryable(retryable)).build();
    }

    /** A result of one side for {@code session}, without a receipt. */
    private static JobResult.Builder outcome(UUID jobId, long session, JobOutcome outcome, long filesDone) {
        return JobResult.newBuilder().setJobId(jobId.toString()).setSession(session).setOutcome(outcome)
                .setFilesDone(filesDone).setBytesDone(filesDone * 100);
    }

    private static AgentMessage message(JobResult.Builder result) {
        return AgentMessage.newBuilder().setResult(result).build();
    }

    private static FileErrorCount errors(ErrorCode code, long files) {
        return FileErrorCount.newBuilder().setCode(code).setFiles(files).build();
    }

    /** Sends both agents' results and waits until the server handled them. */
    private static void report(ConnectedAgent source, JobResult.Builder fromSource, ConnectedAgent target,
            JobResult.Builder fromTarget) {
        target.send(message(fromTarget));
        target.sync();
        source.send(message(fromSource));
        source.sync();
    }

    private static void assertCancel(ConnectedAgent agent, UUID jobId) {
        ControlMessage message = agent.next();
        assertTrue(message.hasCancel(), () -> "expected CancelJob, got " + message);
        assertEquals(jobId.toString(), message.getCancel().getJobId());
    }

    @Test
    void aJobWhoseAgentsAreOnline_isAssignedToBoth_withThePeersSignedKeyBundle() {
        ConnectedAgent source = source();
        ConnectedAgent target = target();

        Response created = createJob(source, target);
        assertEquals("running", created.field("state"));
        assertEquals("1", created.field("attempt"));

        JobAssignment toSource = source.nextAssignment();
        JobAssignment toTarget = target.nextAssignment();
        assertEquals(created.field("id"), toSource.getJobId());
        assertEquals(1, toSource.getAttempt());
        assertEquals(1, toSource.getSession());
        assertEquals(TransferRole.TRANSFER_ROLE_SOURCE, toSource.getRole());
        assertEquals("hr-share", toSource.getEndpoint());
        assertEquals(target.id().toString(), toSource.getPeerAgentId());
        Agent storedTarget = agents.findById(target.id()).orElseThrow();
        assertArrayEquals(storedTarget.keyBundle(), toSource.getPeerKeyBundle().getBundle().toByteArray());
        assertArrayEquals(storedTarget.keyBundleSignature(), toSource.getPeerKeyBundle().getSignature().toByteArray());

        assertEquals(TransferRole.TRANSFER_ROLE_TARGET, toTarget.getRole());
        assertEquals("landing", toTarget.getEndpoint());
        assertEquals(source.id().toString(), toTarget.getPeerAgentId());
        assertArrayEquals(agents.findById(source.id()).orElseThrow().keyBundle(),
                toTarget.getPeerKeyBundle().getBundle().toByteArray());
        assertEquals(1, audits("job.assign", UUID.fromString(created.field("id"))).size());
    }

    @Test
    void aJobWaitsQueued_whileAnAgentIsOffline_andIsAssignedWhenItSaysHello() {
        ConnectedAgent source = source();
        ConnectedAgent target = target();
        target.disconnect();
        streams.await("closed", target.id());

        Response created = createJob(source, target);
        assertEquals("queued", created.field("state"));
        source.sync();
        assertFalse(source.hasPending(), "nothing is assigned while the target is offline");

        target.connect(List.of(), List.of("landing"));

        assertEquals(created.field("id"), target.nextAssignment().getJobId());
        assertEquals(created.field("id"), source.nextAssignment().getJobId());
        assertEquals("running", job(UUID.fromString(created.field("id"))).get("state"));
    }

    @Test
    void theTargetsProgress_showsAsCountersRateAndEta_andMilestonesAreAudited() {
        ConnectedAgent source = source();
        ConnectedAgent target = target();
        UUID id = runningJob(source, target);

        clock.advance(Duration.ofSeconds(2));
        target.send(progress(id, 1, 2000, 10_000));
        target.sync();
        Map<String, Object> progress = member(job(id), "progress");
        assertEquals(2000, number(progress, "bytesDone"));
        assertEquals(10_000, number(progress, "bytesTotal"));
        assertEquals(1, number(progress, "filesDone"));
        assertEquals(3, number(progress, "filesTotal"));
        assertEquals(1000, number(progress, "bytesPerSecond"));
        assertEquals(8, number(progress, "etaSeconds"));

        clock.advance(Duration.ofSeconds(2));
        target.send(progress(id, 1, 6000, 10_000));
        target.sync();
        assertEquals(6000, number(member(job(id), "progress"), "bytesDone"));
        assertEquals(List.of("25", "50"), audits("job.progress", id).stream()
                .map(r -> r.details().replaceAll(".*\"percent\":\"(\\d+)\".*", "$1")).toList());
    }

    @Test
    void messagesFromAnAgentOutsideTheJob_orForAnotherSession_changeNothing() {
        ConnectedAgent source = source();
        ConnectedAgent target = target();
        ConnectedAgent stranger = target();
        UUID id = runningJob(source, target);

        stranger.send(failure(id, 1, ErrorCode.TAMPERED, false));
        stranger.send(progress(id, 1, 5000, 10_000));
        stranger.sync();
        target.send(failure(id, 2, ErrorCode.TAMPERED, false));
        target.send(progress(id, 7, 5000, 10_000));
        target.send(AgentMessage.newBuilder().setProgress(JobProgress.newBuilder().setJobId("not-a-job")).build());
        target.sync();

        Map<String, Object> job = job(id);
        assertEquals("running", job.get("state"));
        assertEquals(0, number(member(job, "progress"), "bytesDone"));
    }

    @Test
    void bothAgentsSucceeding_succeedsTheJob_withTheirReceiptsStoredAndChecked() {
        ConnectedAgent source = source();
        ConnectedAgent target = target();
        UUID id = runningJob(source, target);

        target.send(result(target, target, id, TransferRole.TRANSFER_ROLE_TARGET, JobOutcome.JOB_OUTCOME_SUCCEEDED));
        target.sync();
        assertEquals("running", job(id).get("state"), "waits for the source");
        // The source's receipt is signed by another key: stored, but not verified.
        source.send(result(source, target, id, TransferRole.TRANSFER_ROLE_SOURCE, JobOutcome.JOB_OUTCOME_SUCCEEDED));
        source.sync();

        Map<String, Object> job = job(id);
        assertEquals("succeeded", job.get("state"));
        assertTrue(job.get("finishedAt") != null);
        assertEquals(List.of(
                Map.of("agent", source.id().toString(), "role", "source", "files", 3, "bytes", 4096,
                        "ciphertextRoot", "ab01", "verified", false),
                Map.of("agent", target.id().toString(), "role", "target", "files", 3, "bytes", 4096,
                        "ciphertextRoot", "ab01", "verified", true)), job.get("receipts"));
        List<AuditEvent> receipts = audits("job.receipt", id);
        assertEquals(List.of("success", "failure"), receipts.stream().map(AuditEvent::outcome).toList());
        byte[] identityKey = target.keys().bundle("x").build().getIdentityPublicKey().toByteArray();
        assertTrue(receipts.get(0).details().contains("\"identity-key\":\"" + HexFormat.of().formatHex(identityKey)));
        assertEquals(1, audits("job.finish", id).size());
    }

    @Test
    void aTargetFailure_failsTheJob_withItsCodeAndFixedWording_andCancelsBothAgents() {
        ConnectedAgent source = source();
        ConnectedAgent target = target();
        UUID id = runningJob(source, target);

        target.send(failure(id, 1, ErrorCode.TAMPERED, false));
        target.sync();

        Map<String, Object> job = job(id);
        assertEquals("failed", job.get("state"));
        assertEquals(Map.of("code", "TAMPERED", "message", JobError.TAMPERED.message()), job.get("error"));
        assertCancel(source, id);
        assertCancel(target, id);
    }

    @Test
    void cancellingARunningJob_reachesBothAgents() {
        ConnectedAgent source = source();
        ConnectedAgent target = target();
        UUID id = runningJob(source, target);

        Response cancelled = rest().post("api/v1/tenants/" + tenant + "/jobs/" + id + "/cancel", operator, null);

        assertEquals(200, cancelled.status(), cancelled::toString);
        assertEquals("cancelled", cancelled.field("state"));
        assertCancel(source, id);
        assertCancel(target, id);
    }

    @Test
    void anAgentGoingOffline_requeuesTheJob_whichRetriesAsNewSessions_untilAttemptsRunOut() {
        ConnectedAgent source = source();
        ConnectedAgent target = target();
        UUID id = runningJob(source, target);

        for (int attempt = 1; attempt <= 2; attempt++) {
            target.disconnect();
            streams.await("closed", target.id());
            Map<String, Object> queued = job(id);
            assertEquals("queued", queued.get("state"));
            assertEquals("AGENT_OFFLINE", member(queued, "error").get("code"));
            assertEquals(attempt, number(queued, "attemptsWithoutProgress"));
            source.sync();
            assertFalse(source.hasPending(), "no CancelJob: the source keeps its journal for the next session");

            target.connect(List.of(), List.of("landing"));
            target.sync();
            assertFalse(target.hasPending(), "backing off: not assigned before the retry time");

            // The wait is jittered within [c/2, c), c = 5 s × 2^(attempt−1).
            clock.advance(Duration.ofSeconds(5L << (attempt - 1)));
            scheduler.sweep();
            JobAssignment retried = target.nextAssignment();
            assertEquals(attempt + 1, retried.getAttempt());
            assertEquals(attempt + 1, retried.getSession());
            assertEquals(attempt + 1, source.nextAssignment().getSession());
        }

        target.disconnect();
        streams.await("closed", target.id());
        Map<String, Object> failed = job(id);
        assertEquals("failed", failed.get("state"));
        assertEquals(3, number(failed, "attempt"));
        assertEquals("AGENT_OFFLINE", member(failed, "error").get("code"));
    }

    @Test
    void anAgentHoldingStateForAJobThatIsNotRunning_isToldToCancelIt_atHello() {
        ConnectedAgent source = source();
        ConnectedAgent target = target();
        UUID id = runningJob(source, target);
        rest().post("api/v1/tenants/" + tenant + "/jobs/" + id + "/cancel", operator, null);
        assertCancel(target, id);
        target.disconnect();
        streams.await("closed", target.id());

        target.connect(List.of(), List.of("landing"), List.of(id.toString()));

        assertCancel(target, id);
    }

    @Test
    void aNewControlStream_keepsTheRunningJobsItsHelloLists_andEndsTheOthers() {
        ConnectedAgent source = source();
        ConnectedAgent target = target();
        UUID kept = runningJob(source, target);
        UUID lost = runningJob(source, target);
        clock.advance(Duration.ofSeconds(1));

        target.connect(List.of(), List.of("landing"), List.of(kept.toString()));
        target.sync();

        assertEquals("running", job(kept).get("state"));
        Map<String, Object> requeued = job(lost);
        assertEquals("queued", requeued.get("state"));
        assertEquals("AGENT_OFFLINE", member(requeued, "error").get("code"));
        source.sync();
        assertFalse(source.hasPending(), "a retry follows: the source is not told to drop the job");
    }

    @Test
    void aFullDiskOnTheTarget_keepsTheJobQueuedWithItsError_pastTheAttemptLimit_untilItFits() {
        ConnectedAgent source = source();
        ConnectedAgent target = target();
        UUID id = runningJob(source, target);

        for (int session = 1; session <= 4; session++) {
            target.send(failure(id, session, ErrorCode.DISK_FULL, true));
            target.sync();
            Map<String, Object> waiting = job(id);
            assertEquals("queued", waiting.get("state"), "waiting for space, not finished");
            assertEquals(Map.of("code", "DISK_FULL", "message", JobError.DISK_FULL.message()), waiting.get("error"));
            assertTrue(waiting.get("retryAt") != null);
            assertEquals(null, waiting.get("finishedAt"));
            source.sync();
            assertFalse(source.hasPending(), "no CancelJob: the target keeps its journal");

            clock.advance(Duration.ofSeconds(5L << (session - 1)));
            scheduler.sweep();
            assertEquals(session + 1, target.nextAssignment().getSession());
            assertEquals(session + 1, source.nextAssignment().getSession());
        }
        report(source, outcome(id, 5, JobOutcome.JOB_OUTCOME_SUCCEEDED, 3), target,
                outcome(id, 5, JobOutcome.JOB_OUTCOME_SUCCEEDED, 3));

        Map<String, Object> done = job(id);
        assertEquals("succeeded", done.get("state"));
        assertEquals(5, number(done, "attempt"));
        assertFalse(done.containsKey("error"));
    }

    @Test
    void resultsOfAnEarlierSession_areIgnored_whileTheNewSessionRuns() {
        ConnectedAgent source = source();
        ConnectedAgent target = target();
        UUID id = runningJob(source, target);
        target.disconnect();
        streams.await("closed", target.id());
        target.connect(List.of(), List.of("landing"));
        clock.advance(Duration.ofSeconds(5));
        scheduler.sweep();
        assertEquals(2, target.nextAssignment().getSession());
        assertEquals(2, source.nextAssignment().getSession());

        report(source, outcome(id, 1, JobOutcome.JOB_OUTCOME_SUCCEEDED, 3), target,
                outcome(id, 1, JobOutcome.JOB_OUTCOME_SUCCEEDED, 3));
        Map<String, Object> running = job(id);
        assertEquals("running", running.get("state"));
        assertEquals(0, number(member(running, "progress"), "filesDone"));

        report(source, outcome(id, 2, JobOutcome.JOB_OUTCOME_SUCCEEDED, 3), target,
                outcome(id, 2, JobOutcome.JOB_OUTCOME_SUCCEEDED, 3));
        assertEquals("succeeded", job(id).get("state"));
        assertEquals(List.of(2L), results.findLatest(id).stream().map(r -> r.id().session()).distinct().toList());
        List<JobSession> history = sessions.findByJob(id);
        assertEquals(List.of("requeued", "succeeded"), history.stream().map(JobSession::ending).toList());
        assertEquals("AGENT_OFFLINE", history.get(0).errorCode());
    }

    @Test
    void perFileErrors_endTheJobSucceededWithErrors_withCounts_andRetryingFailedFiles_runsOnlyThose() {
        ConnectedAgent source = source();
        ConnectedAgent target = target();
        UUID id = runningJob(source, target);

        report(source, outcome(id, 1, JobOutcome.JOB_OUTCOME_SUCCEEDED_WITH_ERRORS, 199).setFilesFailed(1)
                        .setError(ErrorCode.FILE_VANISHED).addFileErrors(errors(ErrorCode.FILE_VANISHED, 1)),
                target, outcome(id, 1, JobOutcome.JOB_OUTCOME_SUCCEEDED_WITH_ERRORS, 197).setFilesFailed(3)
                        .setError(ErrorCode.FILE_IO_ERROR).addFileErrors(errors(ErrorCode.FILE_IO_ERROR, 2))
                        .addFileErrors(errors(ErrorCode.FILE_VANISHED, 1)));
        Map<String, Object> withErrors = job(id);
        assertEquals("succeeded_with_errors", withErrors.get("state"));
        assertEquals("FILE_IO_ERROR", member(withErrors, "error").get("code"));
        assertEquals(197, number(member(withErrors, "progress"), "filesDone"));
        assertEquals(3, number(member(withErrors, "progress"), "filesFailed"));
        Map<String, Object> report = rest().get("api/v1/tenants/" + tenant + "/jobs/" + id + "/report", operator)
                .object();
        assertEquals(List.of(Map.of("code", "FILE_IO_ERROR", "message", JobError.FILE_IO_ERROR.message(), "files", 2),
                Map.of("code", "FILE_VANISHED", "message", JobError.FILE_VANISHED.message(), "files", 1)),
                report.get("failures"), "each code's larger count of the two agents");

        String retry = "api/v1/tenants/" + tenant + "/jobs/" + id + "/retry-failed";
        assertEquals(403, rest().post(retry, mintToken(tenant, "auditor"), null).status());
        Response retried = rest().post(retry, operator, null);
        assertEquals(200, retried.status(), retried::toString);
        assertEquals("running", retried.field("state"), "both agents are connected");
        assertEquals("failed_files", retried.field("scope"));
        JobAssignment toSource = source.nextAssignment();
        assertEquals(TransferScope.TRANSFER_SCOPE_FAILED_FILES, toSource.getScope());
        assertEquals(2, toSource.getSession());
        assertEquals(TransferScope.TRANSFER_SCOPE_FAILED_FILES, target.nextAssignment().getScope());
        assertEquals(409, rest().post(retry, operator, null).status(), "only from succeeded_with_errors");
        assertEquals(1, audits("job.retry-failed", id).size());

        report(source, outcome(id, 2, JobOutcome.JOB_OUTCOME_SUCCEEDED, 200).setFilesSkipped(197), target,
                outcome(id, 2, JobOutcome.JOB_OUTCOME_SUCCEEDED, 200).setFilesSkipped(197));
        Map<String, Object> done = job(id);
        assertEquals("succeeded", done.get("state"));
        assertFalse(done.containsKey("error"));
        assertEquals(200, number(member(done, "progress"), "filesDone"));
        assertEquals(0, number(member(done, "progress"), "filesFailed"));
        assertEquals(197, number(member(done, "progress"), "filesSkipped"));
        Map<String, Object> finalReport = rest().get("api/v1/tenants/" + tenant + "/jobs/" + id + "/report",
                operator).object();
        assertEquals(List.of(), finalReport.get("failures"));
        assertEquals(List.of("succeeded_with_errors", "succeeded"), ((List<?>) finalReport.get("history")).stream()
                .map(session -> ((Map<?, ?>) session).get("ending")).toList());
        assertEquals(List.of("all", "failed_files"), ((List<?>) finalReport.get("history")).stream()
                .map(session -> ((Map<?, ?>) session).get("scope")).toList());
    }
}
