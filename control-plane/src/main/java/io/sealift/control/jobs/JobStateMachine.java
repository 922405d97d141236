package io.sealift.control.jobs;

import io.sealift.control.jobs.Transition.Audit;
import io.sealift.control.jobs.Transition.CancelAgents;
import io.sealift.control.jobs.Transition.EndSession;
import io.sealift.control.jobs.Transition.Effect;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.FileErrorCount;
import io.sealift.proto.v1.JobOutcome;
import io.sealift.proto.v1.JobProgress;
import io.sealift.proto.v1.JobResult;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The job state machine: what a running job becomes on an agent's progress or result, on the
 * relay's byte count, on an agent going offline, and on cancellation. Pure: it reads the job and
 * the event and returns the next job and the effects to carry out; storing and effects are
 * {@link JobLifecycle}'s. (Assignment, queued → running, is the conditional update
 * {@link JobRepository#assign}.)
 *
 * <p>Events of another session than the job's current one, and events for a job that is not
 * running, change nothing (empty result), with one exception: a failure that is never retried,
 * from the second agent of a session that the first agent's retryable failure ended, fails the
 * queued job (the session's verdict is the worse of the two). Thread-safe (immutable).
 *
 * <pre>
 *            create                 both agents connected
 *   (new) ─────────▶ queued ──────────────────────────────▶ running ──┬─ target + source succeeded ─▶ succeeded
 *                      ▲   (conditional UPDATE: session+1,   │        │   (either with errors)     ▶ succeeded_with_errors
 *                      │    attempt+1)                       │        ├─ failure, not retryable or
 *                      ├──── retryable failure or agent ─────┘        │   attempts used up ─────────▶ failed
 *                      │      offline, attempts left (backoff)        └─ cancel ────────────────────▶ cancelled
 *                      └──── retry failed files ◀── succeeded_with_errors
 *   queued ── cancel ──▶ cancelled
 * </pre>
 *
 * <p>Whether and when a failed session is tried again is the {@link RetryPolicy}'s. A session
 * that ends for a retry does not send {@code CancelJob}: the agents keep their journals and
 * temporary files for the next session to resume from; only a job that ends (failed, cancelled)
 * tells both agents to drop it.
 */
@Singleton
public class JobStateMachine {
    private static final int[] MILESTONES = {25, 50, 75};

    private final RetryPolicy retries;

    /** Creates the state machine over the retry policy. */
    public JobStateMachine(RetryPolicy retries) {
        this.retries = retries;
    }

    /**
     * An agent's progress report. The target's counters are the truth; the source's are used only
     * for totals while the target has reported none.
     */
    Optional<Transition> progress(Job job, JobRole role, JobProgress progress, Instant now) {
        if (!isCurrent(job, progress.getSession())) {
            return Optional.empty();
        }
        if (role == JobRole.SOURCE) {
            if (job.bytesTotal() > 0 || progress.getBytesTotal() <= 0) {
                return Optional.empty();
            }
            return Optional.of(new Transition(job.toBuilder().counters(job.bytesDone(),
                    progress.getBytesTotal(), job.filesDone(), nonNegative(progress.getFilesTotal()))
                    .updatedAt(now).build(), List.of()));
        }
        long bytesDone = nonNegative(progress.getBytesDone());
        long bytesTotal = progress.getBytesTotal() > 0 ? progress.getBytesTotal() : job.bytesTotal();
        long filesTotal = progress.getFilesTotal() > 0 ? progress.getFilesTotal() : job.filesTotal();
        JobBuilder next = job.toBuilder();
        targetCounters(job, next, bytesDone, bytesTotal, nonNegative(progress.getFilesDone()), filesTotal);
        return Optional.of(sample(job, next, bytesDone, bytesTotal, now));
    }

    /** The relay's count of payload bytes forwarded from source to target: progress until the target reports its own. */
    Optional<Transition> relayed(Job job, long session, long bytes, Instant now) {
        if (!isCurrent(job, session) || bytes < job.bytesRelayed()) {
            return Optional.empty();
        }
        JobBuilder next = job.toBuilder().bytesRelayed(bytes).updatedAt(now);
        if (job.progressFromAgent()) {
            return Optional.of(new Transition(next.build(), List.of()));
        }
        long done = job.bytesTotal() > 0 ? Math.min(bytes, job.bytesTotal()) : bytes;
        next.counters(done, job.bytesTotal(), job.filesDone(), job.filesTotal());
        return Optional.of(sample(job, next, done, job.bytesTotal(), now));
    }

    /**
     * An agent's result for its part of the session. The job succeeds once both agents succeeded
     * (a source that fails after the target succeeded cannot undo a verified delivery); a failure
     * of either ends the session, and the {@link RetryPolicy} says whether the job is queued
     * again or fails.
     */
    Optional<Transition> result(Job job, JobRole role, JobResult result, Instant now) {
        if (job.outcomeOf(role) == null && isRequeued(job, result.getSession())) {
            return lateVerdict(job, role, result, now);
        }
        if (!isCurrent(job, result.getSession()) || job.outcomeOf(role) != null) {
            return Optional.empty();
        }
        JobOutcome outcome = outcomeOf(result);
        JobBuilder next = job.toBuilder().outcome(role, outcome.name()).updatedAt(now);
        recordCounts(job, next, role, result, outcome);
        if (!succeeded(outcome.name())) {
            if (role == JobRole.SOURCE && succeeded(job.targetOutcome())) {
                return Optional.of(finish(next, job, now));
            }
            return Optional.of(interrupt(job, next, JobError.fromProto(result.getError()), result.getRetryable(),
                    now));
        }
        if (outcome == JobOutcome.JOB_OUTCOME_SUCCEEDED_WITH_ERRORS
                && (role == JobRole.TARGET || !withErrors(job.targetOutcome()))) {
            next.error(perFileError(result));
        }
        boolean otherDone = succeeded(job.outcomeOf(role.peer()));
        return Optional.of(otherDone ? finish(next, job, now) : new Transition(next.build(), List.of()));
    }

    /**
     * The second agent's result of a session the first one's retryable failure already ended: a
     * failure that is never retried ({@code TAMPERED}, say) still fails the job, since the
     * session's outcome is the worse of the two. So a sender that found the receiver's reply
     * tampered with fails the job even when the receiver, which only saw the connection drop,
     * reported first. Anything else changes nothing: the next session decides.
     */
    private Optional<Transition> lateVerdict(Job job, JobRole role, JobResult result, Instant now) {
        JobOutcome outcome = outcomeOf(result);
        JobError error = JobError.fromProto(result.getError());
        if (succeeded(outcome.name()) || error.retry() != JobError.Retry.NEVER) {
            return Optional.empty();
        }
        Job failed = job.toBuilder().outcome(role, outcome.name()).error(error).state(JobState.FAILED).retryAt(null)
                .finishedAt(now).updatedAt(now).build();
        Map<String, String> details = sessionDetails(job);
        details.put("error", error.name());
        details.put("state", JobState.FAILED.wireName());
        details.put("reason", "late-result");
        return Optional.of(new Transition(failed, List.of(new CancelAgents(),
                new Audit("job.finish", "failure", details))));
    }

    /** An agent of a running job went offline: the session is lost (AGENT_OFFLINE, retryable). */
    Optional<Transition> agentLost(Job job, UUID agentId, Instant now) {
        if (job.jobState() != JobState.RUNNING
                || !(agentId.equals(job.sourceAgentId()) || agentId.equals(job.targetAgentId()))) {
            return Optional.empty();
        }
        if (!agentId.equals(job.targetAgentId()) && succeeded(job.targetOutcome())) {
            return Optional.of(finish(job.toBuilder(), job, now));
        }
        return Optional.of(interrupt(job, job.toBuilder(), JobError.AGENT_OFFLINE, true, now));
    }

    /**
     * The control-plane process that assigned the running session is gone (it restarted), and
     * with it the session's relay pair: the job is queued again at once, as CONNECTION_LOST,
     * without counting the session against the job's attempts. Empty if {@code session} is not
     * the job's running session.
     */
    Optional<Transition> orphaned(Job job, long session, Instant now) {
        if (!isCurrent(job, session)) {
            return Optional.empty();
        }
        Job requeued = job.toBuilder().state(JobState.QUEUED).error(JobError.CONNECTION_LOST).retryAt(now)
                .updatedAt(now).build();
        Map<String, String> details = sessionDetails(job);
        details.put("error", JobError.CONNECTION_LOST.name());
        details.put("reason", "control-plane-restarted");
        details.put("retry-at", now.toString());
        return Optional.of(new Transition(requeued, List.of(new EndSession(job.session()),
                new Audit("job.requeue", "failure", details))));
    }

    /**
     * "Retry failed files": a job that succeeded with errors is queued again, and its next
     * sessions transfer only the files that failed ({@link JobScope#FAILED_FILES}), with a fresh
     * allowance of attempts. Empty unless the job is {@code succeeded_with_errors}.
     */
    Optional<Transition> retryFailedFiles(Job job, Instant now) {
        if (job.jobState() != JobState.SUCCEEDED_WITH_ERRORS) {
            return Optional.empty();
        }
        return Optional.of(new Transition(job.toBuilder().state(JobState.QUEUED).scope(JobScope.FAILED_FILES)
                .retryCounters(0, 0).retryAt(null).finishedAt(null).updatedAt(now).build(), List.of()));
    }

    /** Cancellation through the API; empty if the job is already final. */
    Optional<Transition> cancel(Job job, Instant now) {
        JobState state = job.jobState();
        if (state.isFinal()) {
            return Optional.empty();
        }
        Job cancelled = job.toBuilder().state(JobState.CANCELLED).retryAt(null).finishedAt(now).updatedAt(now)
                .build();
        // A queued job that ran before may still have journals and temporary files on its agents.
        List<Effect> effects = state == JobState.RUNNING ? List.of(new CancelAgents(), new EndSession(job.session()))
                : job.session() > 0 ? List.of(new CancelAgents())
                : List.of();
        return Optional.of(new Transition(cancelled, effects));
    }

    private Transition interrupt(Job job, JobBuilder next, JobError error, boolean reportedRetryable, Instant now) {
        next.error(error).updatedAt(now);
        Job failed = next.build();
        RetryPolicy.Decision decision = retries.afterFailure(failed, error, reportedRetryable);
        next.retryCounters(decision.stalledAttempts(), decision.failuresInRow());
        Map<String, String> details = sessionDetails(job);
        details.put("error", error.name());
        details.put("progressed", Boolean.toString(failed.sessionProgressed()));
        details.put("stalled-attempts", Integer.toString(decision.stalledAttempts()));
        if (decision.retry()) {
            Instant retryAt = now.plus(decision.delay());
            next.state(JobState.QUEUED).retryAt(retryAt);
            details.put("retry-at", retryAt.toString());
            return new Transition(next.build(), List.of(new EndSession(job.session()),
                    new Audit("job.requeue", "failure", details)));
        }
        next.state(JobState.FAILED).retryAt(null).finishedAt(now);
        details.put("state", JobState.FAILED.wireName());
        return new Transition(next.build(), List.of(new CancelAgents(), new EndSession(job.session()),
                new Audit("job.finish", "failure", details)));
    }

    private static Transition finish(JobBuilder next, Job job, Instant now) {
        Job current = next.build();
        boolean withErrors = withErrors(current.sourceOutcome()) || withErrors(current.targetOutcome());
        JobState state = withErrors ? JobState.SUCCEEDED_WITH_ERRORS : JobState.SUCCEEDED;
        next.state(state).retryAt(null).retryCounters(0, 0).finishedAt(now).updatedAt(now);
        if (!withErrors) {
            next.error(null);
        }
        Map<String, String> details = sessionDetails(job);
        details.put("state", state.wireName());
        details.put("files", Long.toString(current.filesDone()));
        details.put("bytes", Long.toString(current.bytesDone()));
        details.put("bytes-relayed", Long.toString(current.bytesRelayed()));
        details.put("files-failed", Long.toString(current.filesFailed()));
        details.put("files-skipped", Long.toString(current.filesSkipped()));
        return new Transition(next.build(), List.of(new EndSession(job.session()),
                new Audit("job.finish", "success", details)));
    }

    /**
     * Takes the counts of a result: the target's cumulative counters, and the files failed and
     * skipped (the first result of a session replaces the previous session's; the second keeps
     * the larger of the two agents' numbers).
     */
    private static void recordCounts(Job job, JobBuilder next, JobRole role, JobResult result, JobOutcome outcome) {
        boolean first = job.sourceOutcome() == null && job.targetOutcome() == null;
        long failed = nonNegative(result.getFilesFailed());
        long skipped = nonNegative(result.getFilesSkipped());
        next.fileCounts(first ? failed : Math.max(job.filesFailed(), failed),
                first ? skipped : Math.max(job.filesSkipped(), skipped));
        long bytesDone = nonNegative(result.getBytesDone());
        long filesDone = nonNegative(result.getFilesDone());
        if (role == JobRole.TARGET && (succeeded(outcome.name()) || bytesDone > 0 || filesDone > 0)) {
            targetCounters(job, next, bytesDone, Math.max(job.bytesTotal(), bytesDone), filesDone,
                    Math.max(job.filesTotal(), filesDone));
        }
    }

    /** Takes the target's counters as the truth, and notes whether they moved past what it had placed before. */
    private static void targetCounters(Job job, JobBuilder next, long bytesDone, long bytesTotal, long filesDone,
            long filesTotal) {
        long bytesBefore = job.progressFromAgent() ? job.bytesDone() : 0;
        long filesBefore = job.progressFromAgent() ? job.filesDone() : 0;
        next.progressFromAgent(true).counters(bytesDone, bytesTotal, filesDone, filesTotal)
                .sessionProgressed(job.sessionProgressed() || bytesDone > bytesBefore || filesDone > filesBefore);
    }

    /** The code a result with errors names: its own, else the most frequent of its per-file codes. */
    private static JobError perFileError(JobResult result) {
        if (result.getError() != ErrorCode.ERROR_CODE_UNSPECIFIED) {
            return JobError.fromProto(result.getError());
        }
        return result.getFileErrorsList().stream().max(Comparator.comparingLong(FileErrorCount::getFiles))
                .map(count -> JobError.fromProto(count.getCode())).orElse(JobError.INTERNAL);
    }

    private static Transition sample(Job job, JobBuilder next, long bytesDone, long bytesTotal, Instant now) {
        next.rate(ProgressRate.next(job.bytesPerSecond(), job.bytesDone(), job.progressAt(), bytesDone, now), now)
                .updatedAt(now);
        List<Effect> effects = new ArrayList<>();
        int percent = ProgressRate.percent(bytesDone, bytesTotal);
        for (int milestone : MILESTONES) {
            if (milestone > job.progressMilestone() && milestone <= percent) {
                next.progressMilestone(milestone);
                Map<String, String> details = sessionDetails(job);
                details.put("percent", Integer.toString(milestone));
                effects.add(new Audit("job.progress", "success", details));
            }
        }
        return new Transition(next.build(), effects);
    }

    private static Map<String, String> sessionDetails(Job job) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("session", Long.toString(job.session()));
        details.put("attempt", Integer.toString(job.attempt()));
        return details;
    }

    /** Whether {@code session} ended for a retry that has not been assigned yet. */
    private static boolean isRequeued(Job job, long session) {
        return job.jobState() == JobState.QUEUED && session > 0 && job.session() == session;
    }

    private static boolean isCurrent(Job job, long session) {
        return job.jobState() == JobState.RUNNING && job.session() == session;
    }

    private static JobOutcome outcomeOf(JobResult result) {
        JobOutcome outcome = result.getOutcome();
        return outcome == JobOutcome.UNRECOGNIZED || outcome == JobOutcome.JOB_OUTCOME_UNSPECIFIED
                ? JobOutcome.JOB_OUTCOME_FAILED
                : outcome;
    }

    private static boolean succeeded(String outcome) {
        return JobOutcome.JOB_OUTCOME_SUCCEEDED.name().equals(outcome) || withErrors(outcome);
    }

    private static boolean withErrors(String outcome) {
        return JobOutcome.JOB_OUTCOME_SUCCEEDED_WITH_ERRORS.name().equals(outcome);
    }

    private static long nonNegative(long value) {
        return Math.max(0, value);
    }
}
