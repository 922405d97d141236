package io.sealift.agent.transfer.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.sealift.agent.config.AgentConfig;
import io.sealift.agent.config.ControlPlaneAddress;
import io.sealift.agent.config.ControlPlaneConfig;
import io.sealift.agent.config.ReconnectPolicy;
import io.sealift.agent.config.SourceEndpoint;
import io.sealift.agent.config.TargetEndpoint;
import io.sealift.agent.crypto.AgentKeys;
import io.sealift.agent.state.StateDir;
import io.sealift.agent.state.TransferJournal;
import io.sealift.agent.testing.PipeRelay;
import io.sealift.agent.testing.RecordingControlStream;
import io.sealift.agent.testing.TestPeers;
import io.sealift.agent.testing.TestTrees;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.report.ReportSummary;
import io.sealift.agent.transfer.report.TaskReports;
import io.sealift.agent.transfer.resume.TargetJournal;
import io.sealift.agent.transfer.session.SessionSettings;
import io.sealift.agent.transfer.session.TransferChannel;
import io.sealift.agent.transfer.tree.SourceOpener;
import io.sealift.agent.transfer.tree.TempFileOpener;
import io.sealift.testsupport.Await;
import io.sealift.proto.v1.AgentMessage;
import io.sealift.proto.v1.CancelJob;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.FileErrorCount;
import io.sealift.proto.v1.JobAssignment;
import io.sealift.proto.v1.JobOutcome;
import io.sealift.proto.v1.JobResult;
import io.sealift.proto.v1.SignedKeyBundle;
import io.sealift.proto.v1.TransferRole;
import io.sealift.proto.v1.TransferScope;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferJobsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String JOB = "0f6b7a57-5d43-4c1f-9d57-0d1f6f7d2b11";
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final PipeRelay relay = new PipeRelay();
    private final RecordingControlStream sourceStream = new RecordingControlStream();
    private final RecordingControlStream targetStream = new RecordingControlStream();
    private Path source;
    private Path target;
    private TransferJobs sourceAgent;
    private TransferJobs targetAgent;

    @BeforeEach
    void agents() throws Exception {
        source = dir.resolve("source");
        target = dir.resolve("target");
        TestTrees.sample(source, 4096, 11);
        sourceAgent = agent("source-agent", TestPeers.SENDER_ID, TestPeers.SENDER,
                Map.of("hr", new SourceEndpoint("hr", source, List.of(TestPeers.RECEIVER.fingerprint()), List.of())),
                Map.of());
        targetAgent = agent("target-agent", TestPeers.RECEIVER_ID, TestPeers.RECEIVER, Map.of(),
                Map.of("landing", new TargetEndpoint("landing", target, List.of(TestPeers.SENDER.fingerprint()))));
        sourceAgent.onConnected(sourceStream);
        targetAgent.onConnected(targetStream);
    }

    @AfterEach
    void stop() throws InterruptedException {
        sourceAgent.shutdown(Duration.ofSeconds(5));
        targetAgent.shutdown(Duration.ofSeconds(5));
        scheduler.shutdownNow();
    }

    /** The source file that cannot be read, relative to the source root; null for none. */
    private volatile String unreadable;
    /** Whether the target's disk is full. */
    private volatile boolean diskFull;

    private FileChannel openSource(Path path) throws IOException {
        if (unreadable != null && path.equals(source.resolve(unreadable))) {
            throw new IOException("Input/output error");
        }
        return SourceOpener.real().open(path);
    }

    private FileChannel createTemp(Path path) throws IOException {
        FileChannel real = TempFileOpener.real().create(path);
        if (!diskFull) {
            return real;
        }
        real.close();
        return FileChannel.open(Path.of("/dev/full"), java.nio.file.StandardOpenOption.WRITE);
    }

    private TransferJobs agent(String name, String agentId, AgentKeys keys, Map<String, SourceEndpoint> sources,
            Map<String, TargetEndpoint> targets) {
        Path state = dir.resolve(name);
        AgentConfig config = new AgentConfig(dir.resolve(name + ".yaml"), new ControlPlaneConfig(
                ControlPlaneAddress.parse("127.0.0.1:1"), TestPeers.CA, ReconnectPolicy.DEFAULT), state,
                Optional.empty(), Level.INFO, new TreeMap<>(sources), new TreeMap<>(targets));
        return new TransferJobs(new JobSetup(config, agentId, keys, new TransferJournal(StateDir.at(state)), relay,
                new SessionSettings(4096, Duration.ofSeconds(20), new SecureRandom()), this::createTemp,
                this::openSource, scheduler, Duration.ofMillis(5), Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private static JobAssignment assignment(TransferRole role, String endpoint, String peer, SignedKeyBundle bundle) {
        return JobAssignment.newBuilder().setJobId(JOB).setAttempt(1).setSession(1).setRole(role).setEndpoint(endpoint)
                .setPeerAgentId(peer).setPeerKeyBundle(bundle).build();
    }

    private static JobAssignment toSource() {
        return assignment(TransferRole.TRANSFER_ROLE_SOURCE, "hr", TestPeers.RECEIVER_ID, TestPeers.bundle(TestPeers.RECEIVER));
    }

    private static JobAssignment toTarget() {
        return assignment(TransferRole.TRANSFER_ROLE_TARGET, "landing", TestPeers.SENDER_ID, TestPeers.bundle(TestPeers.SENDER));
    }

    @Test
    void bothAgentsRunTheJob_reportProgress_andSucceedWithMatchingSignedReceipts() throws Exception {
        sourceAgent.onAssignment(toSource(), sourceStream);
        targetAgent.onAssignment(toTarget(), targetStream);

        JobResult sent = sourceStream.result(WAIT);
        JobResult received = targetStream.result(WAIT);
        assertEquals(JobOutcome.JOB_OUTCOME_SUCCEEDED, received.getOutcome(), received.toString());
        assertEquals(JobOutcome.JOB_OUTCOME_SUCCEEDED, sent.getOutcome(), sent.toString());
        assertEquals(JOB, received.getJobId());
        assertEquals(1, received.getSession());
        assertEquals(7, received.getFilesDone());
        assertEquals(sent.getBytesDone(), received.getBytesDone());
        assertFalse(received.getReceipt().getSignature().isEmpty());
        TestTrees.assertSameTree(source, target);
        assertEquals(List.of(), targetAgent.activeJobIds());
        assertTrue(new TransferJournal(StateDir.at(dir.resolve("target-agent")))
                .receipt(JOB, 1, TransferRole.TRANSFER_ROLE_TARGET).isPresent());
        for (AgentMessage progress : sourceStream.progress) {
            assertEquals(JOB, progress.getProgress().getJobId());
            assertTrue(progress.getProgress().getBytesDone() <= progress.getProgress().getBytesTotal());
        }
    }

    @Test
    void anAssignmentOfACompletedSession_reportsTheJournaledReceiptAgain_withoutTransferring() throws Exception {
        targetAgent.onAssignment(toTarget(), targetStream);
        sourceAgent.onAssignment(toSource(), sourceStream);
        JobResult first = targetStream.result(WAIT);
        sourceStream.result(WAIT);
        int opened = relay.opened();

        targetAgent.onAssignment(toTarget(), targetStream);

        JobResult again = targetStream.result(WAIT);
        assertEquals(JobOutcome.JOB_OUTCOME_SUCCEEDED, again.getOutcome());
        assertEquals(first.getReceipt(), again.getReceipt());
        assertEquals(opened, relay.opened(), "no new channel was opened");
    }

    @Test
    void anUnreadableFile_endsBothSidesSucceededWithErrors_withCountsAndCodesOnly_andTheRetryOfFailedFilesSendsOnlyIt()
            throws Exception {
        unreadable = "docs/report.txt";
        sourceAgent.onAssignment(toSource(), sourceStream);
        targetAgent.onAssignment(toTarget(), targetStream);

        for (JobResult result : List.of(sourceStream.result(WAIT), targetStream.result(WAIT))) {
            assertEquals(JobOutcome.JOB_OUTCOME_SUCCEEDED_WITH_ERRORS, result.getOutcome(), result.toString());
            assertEquals(ErrorCode.FILE_IO_ERROR, result.getError());
            assertEquals(1, result.getFilesFailed());
            assertEquals(List.of(FileErrorCount.newBuilder().setCode(ErrorCode.FILE_IO_ERROR).setFiles(1).build()),
                    result.getFileErrorsList());
            assertEquals(6, result.getFilesDone());
            assertEquals(0, result.getFilesSkipped());
            assertFalse(result.toString().contains("report.txt"), "no file name reaches the control plane");
        }
        assertEquals(Set.of("docs/report.txt"), new TaskReports(new TransferJournal(StateDir.at(dir.resolve(
                "source-agent")))).failedPaths(JOB, TransferRole.TRANSFER_ROLE_SOURCE));

        unreadable = null;
        JobAssignment retry = toSource().toBuilder().setSession(2).setAttempt(2)
                .setScope(TransferScope.TRANSFER_SCOPE_FAILED_FILES).build();
        targetAgent.onAssignment(toTarget().toBuilder().setSession(2).setAttempt(2)
                .setScope(TransferScope.TRANSFER_SCOPE_FAILED_FILES).build(), targetStream);
        sourceAgent.onAssignment(retry, sourceStream);

        for (JobResult result : List.of(sourceStream.result(WAIT), targetStream.result(WAIT))) {
            assertEquals(JobOutcome.JOB_OUTCOME_SUCCEEDED, result.getOutcome(), result.toString());
            assertEquals(7, result.getFilesDone(), "over the whole job");
            assertEquals(0, result.getFilesFailed());
            assertEquals(6, result.getFilesSkipped(), "the files that had not failed");
            assertEquals(ErrorCode.ERROR_CODE_UNSPECIFIED, result.getError());
        }
        TestTrees.assertSameTree(source, target);
        TaskReports reports = new TaskReports(new TransferJournal(StateDir.at(dir.resolve("source-agent"))));
        assertEquals(Set.of(), reports.failedPaths(JOB, TransferRole.TRANSFER_ROLE_SOURCE));
        assertEquals(new ReportSummary(JOB, "source", 2, "failed_files", NOW, 7, 0, 0),
                reports.summary(JOB, TransferRole.TRANSFER_ROLE_SOURCE).orElseThrow());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                reports.file(JOB, TransferRole.TRANSFER_ROLE_SOURCE))));
        assertEquals(7, new TaskReports(new TransferJournal(StateDir.at(dir.resolve("target-agent"))))
                .summary(JOB, TransferRole.TRANSFER_ROLE_TARGET).orElseThrow().transferred());

        sourceAgent.onAssignment(retry, sourceStream);
        JobResult again = sourceStream.result(WAIT);
        assertEquals(6, again.getFilesSkipped(), "a repeated assignment is answered with the stored result");
    }

    @Test
    void aTargetHoldingThisJobsResults_isNotEmptyForItsNextSessions_butIsForAnotherJob() throws Exception {
        sourceAgent.onAssignment(toSource(), sourceStream);
        targetAgent.onAssignment(toTarget(), targetStream);
        assertEquals(JobOutcome.JOB_OUTCOME_SUCCEEDED, targetStream.result(WAIT).getOutcome());
        sourceStream.result(WAIT);

        targetAgent.onAssignment(toTarget().toBuilder().setSession(2).build(), targetStream);
        sourceAgent.onAssignment(toSource().toBuilder().setSession(2).build(), sourceStream);
        JobResult again = targetStream.result(WAIT);
        assertEquals(JobOutcome.JOB_OUTCOME_SUCCEEDED, again.getOutcome(), again.toString());
        assertEquals(7, again.getFilesDone());
        sourceStream.result(WAIT);

        targetAgent.onAssignment(toTarget().toBuilder().setJobId("another-job").build(), targetStream);
        assertEquals(ErrorCode.TARGET_NOT_EMPTY, targetStream.result(WAIT).getError());
    }

    @Test
    void aFullDisk_failsTheSessionRetryably_andTheNextSessionCompletesOnceThereIsSpace() throws Exception {
        diskFull = true;
        targetAgent.onAssignment(toTarget(), targetStream);
        sourceAgent.onAssignment(toSource(), sourceStream);

        JobResult full = targetStream.result(WAIT);
        assertEquals(JobOutcome.JOB_OUTCOME_FAILED, full.getOutcome());
        assertEquals(ErrorCode.DISK_FULL, full.getError());
        assertTrue(full.getRetryable());
        JobResult heard = sourceStream.result(WAIT);
        assertEquals(ErrorCode.DISK_FULL, heard.getError());
        assertTrue(heard.getRetryable());

        diskFull = false;
        targetAgent.onAssignment(toTarget().toBuilder().setSession(2).build(), targetStream);
        sourceAgent.onAssignment(toSource().toBuilder().setSession(2).build(), sourceStream);
        assertEquals(JobOutcome.JOB_OUTCOME_SUCCEEDED, targetStream.result(WAIT).getOutcome());
        TestTrees.assertSameTree(source, target);
    }

    @Test
    void anUndeclaredEndpoint_failsWithEndpointUnknown() throws Exception {
        sourceAgent.onAssignment(toSource().toBuilder().setEndpoint("payroll").build(), sourceStream);

        JobResult result = sourceStream.result(WAIT);
        assertEquals(JobOutcome.JOB_OUTCOME_FAILED, result.getOutcome());
        assertEquals(ErrorCode.ENDPOINT_UNKNOWN, result.getError());
        assertFalse(result.getRetryable());
        assertEquals(0, relay.opened());
    }

    @Test
    void aRecipientKeyTheControlPlaneSwappedIn_isRefusedBeforeAnythingIsSent() throws Exception {
        sourceAgent.onAssignment(toSource().toBuilder().setPeerKeyBundle(TestPeers.bundle(TestPeers.STRANGER)).build(),
                sourceStream);

        JobResult result = sourceStream.result(WAIT);
        assertEquals(ErrorCode.UNTRUSTED_KEY, result.getError());
        assertEquals(0, relay.opened(), "the sender never opened the relay");
    }

    @Test
    void aSenderNotInSenders_isRefusedByTheTarget() throws Exception {
        targetAgent.onAssignment(toTarget().toBuilder().setPeerKeyBundle(TestPeers.bundle(TestPeers.STRANGER)).build(),
                targetStream);

        assertEquals(ErrorCode.UNTRUSTED_KEY, targetStream.result(WAIT).getError());
    }

    @Test
    void aTargetThatIsNotEmpty_failsWithTargetNotEmpty() throws Exception {
        Files.createDirectories(target);
        Files.writeString(target.resolve("already-here.txt"), "x");

        targetAgent.onAssignment(toTarget(), targetStream);

        assertEquals(ErrorCode.TARGET_NOT_EMPTY, targetStream.result(WAIT).getError());
        assertEquals(List.of("already-here.txt"), TestTrees.list(target));
    }

    @Test
    void cancellation_stopsBothSides_andTheTargetRemovesEveryTemporaryFile_evenJournaledOnes()
            throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        relay.wrapWith(channel -> new HoldingChannel(channel, 3, held, release));
        targetAgent.onAssignment(toTarget(), targetStream);
        sourceAgent.onAssignment(toSource(), sourceStream);
        assertTrue(held.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        Await.until("temporary files exist mid-transfer", WAIT, () -> !TestTrees.list(target).isEmpty());

        sourceAgent.onCancel(CancelJob.newBuilder().setJobId(JOB).build());
        targetAgent.onCancel(CancelJob.newBuilder().setJobId(JOB).build());
        release.countDown();

        assertEquals(JobOutcome.JOB_OUTCOME_CANCELLED, sourceStream.result(WAIT).getOutcome());
        // The target's own CancelJob may come after it saw the source go (CONNECTION_LOST); either way
        // the job is over and (a retry is a new assignment, never a CancelJob) nothing is kept.
        JobResult targetResult = targetStream.result(WAIT);
        assertTrue(targetResult.getOutcome() == JobOutcome.JOB_OUTCOME_CANCELLED
                || targetResult.getError() == ErrorCode.CONNECTION_LOST, targetResult.toString());
        assertNothingKept();

        relay.wrapWith(channel -> channel);
        targetAgent.onAssignment(toTarget().toBuilder().setSession(2).build(), targetStream);
        sourceAgent.onAssignment(toSource().toBuilder().setSession(2).build(), sourceStream);
        assertEquals(JobOutcome.JOB_OUTCOME_SUCCEEDED, targetStream.result(WAIT).getOutcome());
        assertEquals(JobOutcome.JOB_OUTCOME_SUCCEEDED, sourceStream.result(WAIT).getOutcome());
        TestTrees.assertSameTree(source, target);
    }

    @Test
    void aCancelJobAfterTheTargetsSessionEndedRetryably_removesTheTemporaryFilesItKept() throws Exception {
        endTheTargetsSessionRetryably();

        // Then the job is over: the CancelJob reaches a target with no session of it running.
        targetAgent.onCancel(CancelJob.newBuilder().setJobId(JOB).build());

        assertNothingKept();
    }

    /** Starts the job, then tells only the source to cancel: the target loses its peer and keeps its files. */
    private void endTheTargetsSessionRetryably() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        relay.wrapWith(channel -> new HoldingChannel(channel, 3, held, release));
        targetAgent.onAssignment(toTarget(), targetStream);
        sourceAgent.onAssignment(toSource(), sourceStream);
        assertTrue(held.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        Await.until("temporary files exist mid-transfer", WAIT, () -> !TestTrees.list(target).isEmpty());

        sourceAgent.onCancel(CancelJob.newBuilder().setJobId(JOB).build());
        release.countDown();
        assertEquals(ErrorCode.CONNECTION_LOST, targetStream.result(WAIT).getError());
        Await.until("the target's session ended", WAIT, () -> targetAgent.activeJobIds().isEmpty());
        assertKept();
    }

    private void assertKept() {
        try (TargetJournal journal = TargetJournal.open(dir.resolve("target-agent/transfers/" + JOB))) {
            assertFalse(journal.state().temps().isEmpty(), "the journal keeps temporary files for a resume");
        }
        assertFalse(TestTrees.list(target).isEmpty(), "the kept temporary files are there");
    }

    @Test
    void aCancelJobWithAJobIdUnusableAsAFileName_touchesNothing() throws Exception {
        endTheTargetsSessionRetryably();

        targetAgent.onCancel(CancelJob.newBuilder().setJobId("../target-agent/transfers/" + JOB).build());
        targetAgent.shutdown(Duration.ofSeconds(5)); // lets anything the cancel started run to its end

        assertKept();
    }

    /** Waits until the target holds no temporary file of the job, on disk and in its journal. */
    private void assertNothingKept() {
        Await.until("no temporary file is left", WAIT, () -> TestTrees.list(target).isEmpty());
        try (TargetJournal journal = TargetJournal.open(dir.resolve("target-agent/transfers/" + JOB))) {
            assertTrue(journal.state().temps().isEmpty(), "the journal keeps no temporary file");
        }
    }

    @Test
    void resultsFinishedWhileDisconnected_areSentOnTheNextStream() throws Exception {
        sourceStream.disconnect();
        sourceAgent.onAssignment(toSource().toBuilder().setEndpoint("nope").build(), sourceStream);
        RecordingControlStream next = new RecordingControlStream();
        Await.until("the job ended", WAIT, () -> sourceAgent.activeJobIds().isEmpty());

        sourceAgent.onConnected(next);

        assertEquals(ErrorCode.ENDPOINT_UNKNOWN, next.result(WAIT).getError());
    }

    @Test
    void aMalformedAssignment_failsWithoutTouchingTheDisk() throws Exception {
        sourceAgent.onAssignment(toSource().toBuilder().setJobId("../../etc").build(), sourceStream);

        JobResult result = sourceStream.result(WAIT);
        assertEquals(ErrorCode.INTERNAL, result.getError());
        assertEquals(0, relay.opened());
    }

    /** Holds the sender's {@code n}-th message until released, to cancel a job mid-transfer. */
    private static final class HoldingChannel implements TransferChannel {
        private final TransferChannel inner;
        private final int holdAt;
        private final CountDownLatch held;
        private final CountDownLatch release;
        private int sent;

        HoldingChannel(TransferChannel inner, int holdAt, CountDownLatch held, CountDownLatch release) {
            this.inner = inner;
            this.holdAt = holdAt;
            this.held = held;
            this.release = release;
        }

        @Override
        public void send(ByteString message) throws TransferException, InterruptedException {
            if (++sent == holdAt && message.size() > 1000) {
                held.countDown();
                release.await();
            }
            inner.send(message);
        }

        @Override
        public Optional<ByteString> receive(Duration timeout) throws TransferException, InterruptedException {
            return inner.receive(timeout);
        }

        @Override
        public void close(boolean graceful) {
            inner.close(graceful);
        }
    }
}
