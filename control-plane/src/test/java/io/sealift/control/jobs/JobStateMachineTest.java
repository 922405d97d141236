package io.sealift.control.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.control.jobs.Transition.Audit;
import io.sealift.control.jobs.Transition.CancelAgents;
import io.sealift.control.jobs.Transition.EndSession;
import io.sealift.control.testing.MutableClock;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.FileErrorCount;
import io.sealift.proto.v1.JobOutcome;
import io.sealift.proto.v1.JobProgress;
import io.sealift.proto.v1.JobResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobStateMachineTest {
    private static final UUID SOURCE = UUID.randomUUID();
    private static final UUID TARGET = UUID.randomUUID();

    private final MutableClock clock = new MutableClock();
    private final JobStateMachine machine = new JobStateMachine(new RetryPolicy(
            new JobSettings(3, Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofSeconds(5)),
            new FixedRandom(0.5)));

    /**
     * A job running in session {@code attempt} of attempt {@code attempt}, assigned now, after
     * {@code attempt − 1} sessions that failed without progress.
     */
    private Job running(int attempt) {
        Instant now = clock.instant();
        return new Job(UUID.randomUUID(), UUID.randomUUID(), SOURCE, "home", TARGET, "landing", "running", attempt,
                attempt, null, null, 0, 0, 0, 0, 0, 0, false, 0, now, null, null, now, now, now, null, null, "all",
                null, attempt - 1, attempt - 1, false, 0, 0, 7);
    }

    private static JobProgress progress(Job job, long bytesDone, long bytesTotal) {
        return JobProgress.newBuilder().setJobId(job.id().toString()).setSession(job.session())
                .setBytesDone(bytesDone).setBytesTotal(bytesTotal).setFilesDone(1).setFilesTotal(4).build();
    }

    private static JobResult result(Job job, JobOutcome outcome, ErrorCode error, boolean retryable) {
        return JobResult.newBuilder().setJobId(job.id().toString()).setSession(job.session()).setOutcome(outcome)
                .setError(error).setRetryable(retryable).setFilesDone(4).setBytesDone(1000).build();
    }

    /** A failure that carries no counters: the session placed nothing. */
    private static JobResult failure(Job job, ErrorCode error, boolean retryable) {
        return result(job, JobOutcome.JOB_OUTCOME_FAILED, error, retryable).toBuilder().clearFilesDone()
                .clearBytesDone().build();
    }

    private static JobResult succeeded(Job job) {
        return result(job, JobOutcome.JOB_OUTCOME_SUCCEEDED, ErrorCode.ERROR_CODE_UNSPECIFIED, false);
    }

    private static List<String> audits(Transition transition) {
        return transition.effects().stream().filter(Audit.class::isInstance).map(Audit.class::cast)
                .map(a -> a.action() + (a.details().containsKey("percent") ? " " + a.details().get("percent") : ""))
                .toList();
    }

    @Test
    void targetProgress_setsCounters_andASmoothedRate_fromTheTimeBetweenSamples() {
        Job job = running(1);

        Job first = machine.progress(job, JobRole.TARGET, progress(job, 200, 10_000),
                clock.advance(Duration.ofSeconds(2))).orElseThrow().job();
        assertEquals(200, first.bytesDone());
        assertEquals(10_000, first.bytesTotal());
        assertEquals(100, first.bytesPerSecond(), "first sample: 200 bytes in 2 s");
        assertTrue(first.progressFromAgent());

        Job second = machine.progress(first, JobRole.TARGET, progress(first, 600, 10_000),
                clock.advance(Duration.ofSeconds(2))).orElseThrow().job();
        // Sample 200 B/s, weight 1 - e^(-2/10) = 0.181: 100 + 0.181 * 100.
        assertEquals(118, second.bytesPerSecond());
        assertEquals(Long.valueOf((10_000 - 600 + 117) / 118), JobView.of(second, List.of()).progress().etaSeconds());
    }

    @Test
    void sourceProgress_onlyFillsInTotals_whileTheTargetHasReportedNone() {
        Job job = running(1);

        Job withTotals = machine.progress(job, JobRole.SOURCE, progress(job, 900, 5000), clock.instant())
                .orElseThrow().job();
        assertEquals(5000, withTotals.bytesTotal());
        assertEquals(0, withTotals.bytesDone(), "the source's bytes are not the receiver's truth");

        assertTrue(machine.progress(withTotals, JobRole.SOURCE, progress(job, 1000, 6000), clock.instant()).isEmpty());
    }

    @Test
    void progress_ofAnotherSession_orOfAJobNotRunning_isIgnored() {
        Job job = running(2);
        JobProgress stale = progress(job, 10, 100).toBuilder().setSession(1).build();

        assertTrue(machine.progress(job, JobRole.TARGET, stale, clock.instant()).isEmpty());
        Job queued = job.toBuilder().state(JobState.QUEUED).build();
        assertTrue(machine.progress(queued, JobRole.TARGET, progress(job, 10, 100), clock.instant()).isEmpty());
    }

    @Test
    void progressMilestones_areAuditedOncePerSession_eachOneCrossed() {
        Job job = running(1);

        Transition toSixty = machine.progress(job, JobRole.TARGET, progress(job, 60, 100),
                clock.advance(Duration.ofSeconds(1))).orElseThrow();
        assertEquals(List.of("job.progress 25", "job.progress 50"), audits(toSixty));

        Transition toEighty = machine.progress(toSixty.job(), JobRole.TARGET, progress(job, 80, 100),
                clock.advance(Duration.ofSeconds(1))).orElseThrow();
        assertEquals(List.of("job.progress 75"), audits(toEighty));

        Transition toNinety = machine.progress(toEighty.job(), JobRole.TARGET, progress(job, 90, 100),
                clock.advance(Duration.ofSeconds(1))).orElseThrow();
        assertEquals(List.of(), audits(toNinety));
    }

    @Test
    void relayedBytes_countAsProgress_untilTheTargetReportsItsOwn() {
        Job job = running(1);

        Job relayed = machine.relayed(job, 1, 4096, clock.advance(Duration.ofSeconds(1))).orElseThrow().job();
        assertEquals(4096, relayed.bytesDone());
        assertEquals(4096, relayed.bytesRelayed());
        assertEquals(4096, relayed.bytesPerSecond());

        Job reported = machine.progress(relayed, JobRole.TARGET, progress(job, 3000, 10_000),
                clock.advance(Duration.ofSeconds(1))).orElseThrow().job();
        Job relayedAgain = machine.relayed(reported, 1, 9000, clock.advance(Duration.ofSeconds(1)))
                .orElseThrow().job();
        assertEquals(3000, relayedAgain.bytesDone(), "the target's counters win once it reported");
        assertEquals(9000, relayedAgain.bytesRelayed());
    }

    @Test
    void targetThenSourceSucceeded_succeeds_andEndsTheSession() {
        Job job = running(1);

        Transition targetDone = machine.result(job, JobRole.TARGET, succeeded(job), clock.instant()).orElseThrow();
        assertEquals(JobState.RUNNING, targetDone.job().jobState(), "waits for the source's result");
        assertEquals(1000, targetDone.job().bytesDone());
        assertEquals(4, targetDone.job().filesDone());

        Transition bothDone = machine.result(targetDone.job(), JobRole.SOURCE, succeeded(job),
                clock.advance(Duration.ofSeconds(1))).orElseThrow();
        assertEquals(JobState.SUCCEEDED, bothDone.job().jobState());
        assertEquals(clock.instant(), bothDone.job().finishedAt());
        assertTrue(bothDone.effects().contains(new EndSession(1)));
        assertEquals(List.of("job.finish"), audits(bothDone));
        assertFalse(bothDone.effects().contains(new CancelAgents()));
    }

    @Test
    void sourceThenTargetSucceeded_succeeds() {
        Job job = running(1);

        Job sourceDone = machine.result(job, JobRole.SOURCE, succeeded(job), clock.instant()).orElseThrow().job();
        assertEquals(JobState.RUNNING, sourceDone.jobState());

        assertEquals(JobState.SUCCEEDED, machine.result(sourceDone, JobRole.TARGET, succeeded(job), clock.instant())
                .orElseThrow().job().jobState());
    }

    @Test
    void targetSucceededWithErrors_finishesSucceededWithErrors_andKeepsItsCode() {
        Job job = running(1);
        JobResult withErrors = result(job, JobOutcome.JOB_OUTCOME_SUCCEEDED_WITH_ERRORS, ErrorCode.PERMISSION_DENIED,
                false);

        Job targetDone = machine.result(job, JobRole.TARGET, withErrors, clock.instant()).orElseThrow().job();
        Job done = machine.result(targetDone, JobRole.SOURCE, succeeded(job), clock.instant()).orElseThrow().job();

        assertEquals(JobState.SUCCEEDED_WITH_ERRORS, done.jobState());
        assertEquals(JobError.PERMISSION_DENIED, done.error().orElseThrow());
    }

    @Test
    void retryableFailure_withAttemptsLeft_queuesTheJobAgain_afterABackoff() {
        Job job = running(2);

        Transition failed = machine.result(job, JobRole.TARGET, failure(job, ErrorCode.CONNECTION_LOST, true),
                clock.instant()).orElseThrow();

        assertEquals(JobState.QUEUED, failed.job().jobState());
        assertEquals(JobError.CONNECTION_LOST, failed.job().error().orElseThrow());
        assertEquals(clock.instant().plusMillis(7500), failed.job().retryAt(),
                "the second failure in a row: between 5 s and 10 s, here half way");
        assertEquals(2, failed.job().stalledAttempts());
        assertNull(failed.job().finishedAt());
        assertEquals(List.of(new EndSession(2)), failed.effects().stream().filter(e -> !(e instanceof Audit)).toList(),
                "no CancelJob: the agents keep their journals for the next session");
        assertEquals(List.of("job.requeue"), audits(failed));
    }

    @Test
    void nonRetryableFailure_failsTheJob_withTheAgentsCode() {
        Job job = running(1);

        Transition failed = machine.result(job, JobRole.TARGET,
                result(job, JobOutcome.JOB_OUTCOME_FAILED, ErrorCode.TAMPERED, false), clock.instant()).orElseThrow();

        assertEquals(JobState.FAILED, failed.job().jobState());
        assertEquals(JobError.TAMPERED, failed.job().error().orElseThrow());
        assertEquals(clock.instant(), failed.job().finishedAt());
        assertTrue(failed.effects().containsAll(List.of(new CancelAgents(), new EndSession(1))));
        assertEquals(List.of("job.finish"), audits(failed));
    }

    @Test
    void retryableFailure_onTheLastAttempt_failsTheJob() {
        Job job = running(3);

        Job failed = machine.result(job, JobRole.SOURCE,
                result(job, JobOutcome.JOB_OUTCOME_FAILED, ErrorCode.CONNECTION_LOST, true), clock.instant())
                .orElseThrow().job();

        assertEquals(JobState.FAILED, failed.jobState());
    }

    @Test
    void aResultWithoutOutcomeOrCode_isAnInternalFailure() {
        Job job = running(1);
        JobResult empty = JobResult.newBuilder().setJobId(job.id().toString()).setSession(1).build();

        Job failed = machine.result(job, JobRole.TARGET, empty, clock.instant()).orElseThrow().job();

        assertEquals(JobState.FAILED, failed.jobState());
        assertEquals(JobError.INTERNAL, failed.error().orElseThrow());
    }

    @Test
    void aSecondResultOfOneSide_orOneOfAnotherSession_isIgnored() {
        Job job = running(2);
        Job targetDone = machine.result(job, JobRole.TARGET, succeeded(job), clock.instant()).orElseThrow().job();

        assertTrue(machine.result(targetDone, JobRole.TARGET, succeeded(job), clock.instant()).isEmpty());
        JobResult stale = succeeded(job).toBuilder().setSession(1).build();
        assertTrue(machine.result(targetDone, JobRole.SOURCE, stale, clock.instant()).isEmpty());
    }

    @Test
    void aTamperedVerdict_arrivingAfterThePeersRetryableFailure_stillFailsTheQueuedJob() {
        Job job = running(1);
        Job requeued = machine.result(job, JobRole.TARGET, failure(job, ErrorCode.CONNECTION_LOST, true),
                clock.instant()).orElseThrow().job();
        assertEquals(JobState.QUEUED, requeued.jobState());

        Transition late = machine.result(requeued, JobRole.SOURCE, failure(job, ErrorCode.TAMPERED, false),
                clock.instant()).orElseThrow();

        assertEquals(JobState.FAILED, late.job().jobState());
        assertEquals(JobError.TAMPERED, late.job().error().orElseThrow());
        assertNull(late.job().retryAt());
        assertEquals(clock.instant(), late.job().finishedAt());
        assertTrue(late.effects().contains(new CancelAgents()), "the agents drop the job's journals and temporary files");
        assertEquals(List.of("job.finish"), audits(late));
    }

    @Test
    void aLateRetryableFailureOrSuccess_orASecondLateResult_leavesTheQueuedJobAlone() {
        Job job = running(1);
        Job requeued = machine.result(job, JobRole.TARGET, failure(job, ErrorCode.CONNECTION_LOST, true),
                clock.instant()).orElseThrow().job();

        assertTrue(machine.result(requeued, JobRole.SOURCE, failure(job, ErrorCode.CONNECTION_LOST, true),
                clock.instant()).isEmpty());
        assertTrue(machine.result(requeued, JobRole.SOURCE, succeeded(job), clock.instant()).isEmpty());
        assertTrue(machine.result(requeued, JobRole.TARGET, failure(job, ErrorCode.TAMPERED, false),
                clock.instant()).isEmpty(), "the target's result was the one that ended the session");
        JobResult older = failure(job, ErrorCode.TAMPERED, false).toBuilder().setSession(0).build();
        assertTrue(machine.result(requeued, JobRole.SOURCE, older, clock.instant()).isEmpty());
    }

    @Test
    void aSourceFailure_afterTheTargetVerifiedEverything_stillSucceeds() {
        Job job = running(1);
        Job targetDone = machine.result(job, JobRole.TARGET, succeeded(job), clock.instant()).orElseThrow().job();

        Job done = machine.result(targetDone, JobRole.SOURCE,
                result(job, JobOutcome.JOB_OUTCOME_FAILED, ErrorCode.CONNECTION_LOST, true), clock.instant())
                .orElseThrow().job();

        assertEquals(JobState.SUCCEEDED, done.jobState());
    }

    @Test
    void anAgentGoingOffline_queuesTheRunningJob_withAgentOffline() {
        Job job = running(1);

        Transition lost = machine.agentLost(job, SOURCE, clock.instant()).orElseThrow();

        assertEquals(JobState.QUEUED, lost.job().jobState());
        assertEquals(JobError.AGENT_OFFLINE, lost.job().error().orElseThrow());
        assertTrue(lost.effects().contains(new EndSession(1)));
        assertFalse(lost.effects().contains(new CancelAgents()));
        assertTrue(machine.agentLost(job, UUID.randomUUID(), clock.instant()).isEmpty(), "not the job's agent");
        assertTrue(machine.agentLost(lost.job(), TARGET, clock.instant()).isEmpty(), "not running any more");
    }

    @Test
    void anAgentGoingOffline_onTheLastAttempt_failsTheJob() {
        Job failed = machine.agentLost(running(3), TARGET, clock.instant()).orElseThrow().job();

        assertEquals(JobState.FAILED, failed.jobState());
        assertEquals(JobError.AGENT_OFFLINE, failed.error().orElseThrow());
    }

    @Test
    void cancellingARunningJob_cancelsBothAgents_andEndsTheSession() {
        Transition cancelled = machine.cancel(running(1), clock.instant()).orElseThrow();

        assertEquals(JobState.CANCELLED, cancelled.job().jobState());
        assertEquals(clock.instant(), cancelled.job().finishedAt());
        assertEquals(List.of(new CancelAgents(), new EndSession(1)), cancelled.effects());
    }

    @Test
    void cancellingAQueuedJob_tellsItsAgentsToDropWhatAnEarlierSessionLeft_andAFinalJobCannotBeCancelled() {
        Job neverRan = Job.queued(UUID.randomUUID(), UUID.randomUUID(), SOURCE, "home", TARGET, "landing",
                clock.instant(), null);
        Job requeued = running(1).toBuilder().state(JobState.QUEUED).build();

        assertEquals(List.of(), machine.cancel(neverRan, clock.instant()).orElseThrow().effects());
        Transition cancelled = machine.cancel(requeued, clock.instant()).orElseThrow();
        assertEquals(List.of(new CancelAgents()), cancelled.effects());

        assertTrue(machine.cancel(cancelled.job(), clock.instant()).isEmpty());
    }

    @Test
    void aFailedSessionInWhichTheTargetPlacedSomething_doesNotCountAgainstTheLimit() {
        Job job = running(3);
        Job moved = machine.progress(job, JobRole.TARGET, progress(job, 500, 10_000),
                clock.advance(Duration.ofSeconds(1))).orElseThrow().job();
        assertTrue(moved.sessionProgressed());

        Job requeued = machine.result(moved, JobRole.TARGET,
                result(job, JobOutcome.JOB_OUTCOME_FAILED, ErrorCode.CONNECTION_LOST, true), clock.instant())
                .orElseThrow().job();

        assertEquals(JobState.QUEUED, requeued.jobState(), "the third attempt, but it moved forward");
        assertEquals(0, requeued.stalledAttempts());
        assertEquals(1, requeued.failuresInRow());
        assertEquals(clock.instant().plusMillis(3750), requeued.retryAt(), "the backoff starts over");
    }

    @Test
    void aFailedResultThatCarriesHigherCountersThanBefore_madeProgress() {
        Job job = running(3);

        Job requeued = machine.result(job, JobRole.TARGET,
                result(job, JobOutcome.JOB_OUTCOME_FAILED, ErrorCode.CONNECTION_LOST, true), clock.instant())
                .orElseThrow().job();

        assertEquals(JobState.QUEUED, requeued.jobState());
        assertEquals(1000, requeued.bytesDone());
        assertEquals(4, requeued.filesDone());
    }

    @Test
    void permanentCodes_failAtOnce_evenIfTheAgentCallsThemRetryable() {
        for (ErrorCode code : List.of(ErrorCode.TAMPERED, ErrorCode.UNTRUSTED_KEY, ErrorCode.ENDPOINT_UNKNOWN,
                ErrorCode.PERMISSION_DENIED, ErrorCode.TARGET_NOT_EMPTY)) {
            Job job = running(1);
            Job failed = machine.result(job, JobRole.SOURCE, result(job, JobOutcome.JOB_OUTCOME_FAILED, code, true),
                    clock.instant()).orElseThrow().job();
            assertEquals(JobState.FAILED, failed.jobState(), code::name);
            assertEquals(code.name(), failed.errorCode());
        }
    }

    @Test
    void transientCodes_retry_evenIfTheAgentCallsThemPermanent_andOthersFollowTheAgent() {
        for (ErrorCode code : List.of(ErrorCode.CONNECTION_LOST, ErrorCode.AGENT_OFFLINE, ErrorCode.DISK_FULL)) {
            Job job = running(1);
            assertEquals(JobState.QUEUED, machine.result(job, JobRole.TARGET,
                    result(job, JobOutcome.JOB_OUTCOME_FAILED, code, false), clock.instant()).orElseThrow().job()
                    .jobState(), code::name);
        }
        Job job = running(1);
        assertEquals(JobState.QUEUED, machine.result(job, JobRole.TARGET,
                result(job, JobOutcome.JOB_OUTCOME_FAILED, ErrorCode.SOURCE_CHANGED, true), clock.instant())
                .orElseThrow().job().jobState());
        assertEquals(JobState.FAILED, machine.result(job, JobRole.TARGET,
                result(job, JobOutcome.JOB_OUTCOME_FAILED, ErrorCode.INTERNAL, false), clock.instant())
                .orElseThrow().job().jobState());
    }

    @Test
    void diskFull_keepsTheJobWaiting_pastTheLimit_withItsErrorShown_andABackoffThatStillGrows() {
        Job job = running(3);

        Job waiting = machine.result(job, JobRole.TARGET, failure(job, ErrorCode.DISK_FULL, true), clock.instant())
                .orElseThrow().job();

        assertEquals(JobState.QUEUED, waiting.jobState());
        assertEquals(JobError.DISK_FULL, waiting.error().orElseThrow());
        assertEquals(2, waiting.stalledAttempts(), "a full disk uses up no attempt");
        assertEquals(3, waiting.failuresInRow());
        assertEquals(clock.instant().plusSeconds(15), waiting.retryAt(), "between 10 s and 20 s");
    }

    @Test
    void bothSidesWithErrors_endSucceededWithErrors_withTheLargerCounts_andTheTargetsCode() {
        Job job = running(2);
        JobResult target = result(job, JobOutcome.JOB_OUTCOME_SUCCEEDED_WITH_ERRORS, ErrorCode.ERROR_CODE_UNSPECIFIED,
                false).toBuilder().setFilesFailed(2).setFilesSkipped(1)
                .addFileErrors(FileErrorCount.newBuilder().setCode(ErrorCode.FILE_VANISHED).setFiles(1))
                .addFileErrors(FileErrorCount.newBuilder().setCode(ErrorCode.FILE_IO_ERROR).setFiles(2)).build();
        JobResult source = result(job, JobOutcome.JOB_OUTCOME_SUCCEEDED_WITH_ERRORS, ErrorCode.FILE_VANISHED, false)
                .toBuilder().setFilesFailed(1).setFilesSkipped(3).build();

        Job sourceDone = machine.result(job, JobRole.SOURCE, source, clock.instant()).orElseThrow().job();
        assertEquals(JobError.FILE_VANISHED, sourceDone.error().orElseThrow());
        Transition done = machine.result(sourceDone, JobRole.TARGET, target, clock.instant()).orElseThrow();

        assertEquals(JobState.SUCCEEDED_WITH_ERRORS, done.job().jobState());
        assertEquals(JobError.FILE_IO_ERROR, done.job().error().orElseThrow(), "the target's most frequent code");
        assertEquals(2, done.job().filesFailed());
        assertEquals(3, done.job().filesSkipped());
        assertEquals(0, done.job().stalledAttempts());
        assertEquals(0, done.job().failuresInRow());
    }

    @Test
    void theFirstResultOfASession_replacesTheCountsOfTheSessionBefore() {
        Job job = running(2).toBuilder().fileCounts(7, 9).build();

        Job targetDone = machine.result(job, JobRole.TARGET, succeeded(job), clock.instant()).orElseThrow().job();

        assertEquals(0, targetDone.filesFailed());
        assertEquals(0, targetDone.filesSkipped());
    }

    @Test
    void anOrphanedSession_isQueuedAgainAtOnce_withoutUsingAnAttempt_orCancellingTheAgents() {
        Job job = running(3);

        Transition orphaned = machine.orphaned(job, 3, clock.instant()).orElseThrow();

        assertEquals(JobState.QUEUED, orphaned.job().jobState());
        assertEquals(clock.instant(), orphaned.job().retryAt());
        assertEquals(JobError.CONNECTION_LOST, orphaned.job().error().orElseThrow());
        assertEquals(2, orphaned.job().stalledAttempts());
        assertEquals(List.of(new EndSession(3)), orphaned.effects().stream().filter(e -> !(e instanceof Audit))
                .toList());
        assertTrue(machine.orphaned(job, 2, clock.instant()).isEmpty(), "not the running session");
        assertTrue(machine.orphaned(orphaned.job(), 3, clock.instant()).isEmpty(), "no longer running");
    }

    @Test
    void retryingFailedFiles_queuesAJobThatSucceededWithErrors_withTheFailedFilesScope_andFreshAttempts() {
        Job job = running(2).toBuilder().state(JobState.SUCCEEDED_WITH_ERRORS).finishedAt(clock.instant())
                .retryCounters(1, 1).build();

        Job queued = machine.retryFailedFiles(job, clock.instant()).orElseThrow().job();

        assertEquals(JobState.QUEUED, queued.jobState());
        assertEquals(JobScope.FAILED_FILES, queued.jobScope());
        assertNull(queued.finishedAt());
        assertNull(queued.retryAt());
        assertEquals(0, queued.stalledAttempts());
        for (JobState state : List.of(JobState.QUEUED, JobState.RUNNING, JobState.SUCCEEDED, JobState.FAILED,
                JobState.CANCELLED)) {
            assertTrue(machine.retryFailedFiles(job.toBuilder().state(state).build(), clock.instant()).isEmpty(),
                    state::wireName);
        }
    }
}
