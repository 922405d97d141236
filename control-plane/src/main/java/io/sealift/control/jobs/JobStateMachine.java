package io.sealift.control.jobs;

import io.sealift.control.jobs.Transition.Audit;
import io.sealift.control.jobs.Transition.CancelAgents;
import io.sealift.control.jobs.Transition.EndSession;
import io.sealift.control.jobs.Transition.Effect;
import io.sealift.proto.v1.JobOutcome;
import io.sealift.proto.v1.JobProgress;
import io.sealift.proto.v1.JobResult;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
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
 * running, change nothing (empty result). Thread-safe (immutable).
 *
 * <pre>
 *            create                 both agents connected
 *   (new) ─────────▶ queued ──────────────────────────────▶ running ──┬─ target + source succeeded ─▶ succeeded
 *                      ▲   (conditional UPDATE: session+1,   │        │   (either with errors)     ▶ succeeded_with_errors
 *                      │    attempt+1)                       │        ├─ failure, not retryable or
 *                      └──── retryable failure or agent ─────┘        │   attempts used up ─────────▶ failed
 *                             offline, attempts left (backoff)        └─ cancel ────────────────────▶ cancelled
 *   queued ── cancel ──▶ cancelled
 * </pre>
 */
@Singleton
public class JobStateMachine {
    private static final int[] MILESTONES = {25, 50, 75};

    private final JobSettings settings;

    /** Creates the state machine with the configured attempt limit and backoff. */
    public JobStateMachine(JobSettings settings) {
        this.settings = settings;
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
        JobBuilder next = job.toBuilder().progressFromAgent(true)
                .counters(bytesDone, bytesTotal, nonNegative(progress.getFilesDone()), filesTotal);
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
     * of either ends the session, and the job is queued again if the failure is retryable and
     * attempts are left, else it fails.
     */
    Optional<Transition> result(Job job, JobRole role, JobResult result, Instant now) {
        if (!isCurrent(job, result.getSession()) || job.outcomeOf(role) != null) {
            return Optional.empty();
        }
        JobOutcome outcome = outcomeOf(result);
        if (!succeeded(outcome.name())) {
            if (role == JobRole.SOURCE && succeeded(job.targetOutcome())) {
                return Optional.of(finish(job.toBuilder().outcome(role, outcome.name()), job, now));
            }
            return Optional.of(interrupt(job, JobError.fromProto(result.getError()), result.getRetryable(), now,
                    outcome.name(), role));
        }
        JobBuilder next = job.toBuilder().outcome(role, outcome.name()).updatedAt(now);
        if (role == JobRole.TARGET) {
            next.progressFromAgent(true).counters(nonNegative(result.getBytesDone()),
                    Math.max(job.bytesTotal(), result.getBytesDone()), nonNegative(result.getFilesDone()),
                    Math.max(job.filesTotal(), result.getFilesDone()));
            if (outcome == JobOutcome.JOB_OUTCOME_SUCCEEDED_WITH_ERRORS) {
                next.error(JobError.fromProto(result.getError()));
            }
        }
        boolean otherDone = succeeded(job.outcomeOf(role.peer()));
        return Optional.of(otherDone ? finish(next, job, now) : new Transition(next.build(), List.of()));
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
        return Optional.of(interrupt(job, JobError.AGENT_OFFLINE, true, now, null, null));
    }

    /** Cancellation through the API; empty if the job is already final. */
    Optional<Transition> cancel(Job job, Instant now) {
        JobState state = job.jobState();
        if (state.isFinal()) {
            return Optional.empty();
        }
        Job cancelled = job.toBuilder().state(JobState.CANCELLED).retryAt(null).finishedAt(now).updatedAt(now)
                .build();
        List<Effect> effects = state == JobState.RUNNING
                ? List.of(new CancelAgents(), new EndSession(job.session()))
                : List.of();
        return Optional.of(new Transition(cancelled, effects));
    }

    private Transition interrupt(Job job, JobError error, boolean retryable, Instant now, String outcome,
            JobRole reporter) {
        JobBuilder next = job.toBuilder().error(error).updatedAt(now);
        if (reporter != null) {
            next.outcome(reporter, outcome);
        }
        Map<String, String> details = sessionDetails(job);
        details.put("error", error.name());
        if (retryable && job.attempt() < settings.maxAttempts()) {
            next.state(JobState.QUEUED).retryAt(now.plus(settings.backoffAfter(job.attempt())));
            return new Transition(next.build(), List.of(new CancelAgents(), new EndSession(job.session()),
                    new Audit("job.requeue", "failure", details)));
        }
        next.state(JobState.FAILED).retryAt(null).finishedAt(now);
        details.put("state", JobState.FAILED.wireName());
        return new Transition(next.build(), List.of(new CancelAgents(), new EndSession(job.session()),
                new Audit("job.finish", "failure", details)));
    }

    private static Transition finish(JobBuilder next, Job job, Instant now) {
        Job current = next.build();
        boolean withErrors = JobOutcome.JOB_OUTCOME_SUCCEEDED_WITH_ERRORS.name().equals(current.sourceOutcome())
                || JobOutcome.JOB_OUTCOME_SUCCEEDED_WITH_ERRORS.name().equals(current.targetOutcome());
        JobState state = withErrors ? JobState.SUCCEEDED_WITH_ERRORS : JobState.SUCCEEDED;
        next.state(state).retryAt(null).finishedAt(now).updatedAt(now);
        if (!withErrors) {
            next.error(null);
        }
        Map<String, String> details = sessionDetails(job);
        details.put("state", state.wireName());
        details.put("files", Long.toString(current.filesDone()));
        details.put("bytes", Long.toString(current.bytesDone()));
        details.put("bytes-relayed", Long.toString(current.bytesRelayed()));
        return new Transition(next.build(), List.of(new EndSession(job.session()),
                new Audit("job.finish", "success", details)));
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
        return JobOutcome.JOB_OUTCOME_SUCCEEDED.name().equals(outcome)
                || JobOutcome.JOB_OUTCOME_SUCCEEDED_WITH_ERRORS.name().equals(outcome);
    }

    private static long nonNegative(long value) {
        return Math.max(0, value);
    }
}
