package io.sealift.control.jobs;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * Changes a copy of a {@link Job}: the parts the state machine moves. Identity, endpoints,
 * creation and the lock's version are kept. Not thread-safe; use one per change.
 */
final class JobBuilder {
    private final Job base;
    private JobState state;
    private int attempt;
    private long session;
    private String sourceOutcome;
    private String targetOutcome;
    private long bytesDone;
    private long bytesTotal;
    private long filesDone;
    private long filesTotal;
    private long bytesPerSecond;
    private long bytesRelayed;
    private boolean progressFromAgent;
    private int progressMilestone;
    private Instant progressAt;
    private JobError error;
    private Instant retryAt;
    private Instant updatedAt;
    private Instant startedAt;
    private Instant finishedAt;
    private JobScope scope;
    private int stalledAttempts;
    private int failuresInRow;
    private boolean sessionProgressed;
    private long filesFailed;
    private long filesSkipped;

    JobBuilder(Job base) {
        this.base = base;
        state = base.jobState();
        attempt = base.attempt();
        session = base.session();
        sourceOutcome = base.sourceOutcome();
        targetOutcome = base.targetOutcome();
        bytesDone = base.bytesDone();
        bytesTotal = base.bytesTotal();
        filesDone = base.filesDone();
        filesTotal = base.filesTotal();
        bytesPerSecond = base.bytesPerSecond();
        bytesRelayed = base.bytesRelayed();
        progressFromAgent = base.progressFromAgent();
        progressMilestone = base.progressMilestone();
        progressAt = base.progressAt();
        error = base.error().orElse(null);
        retryAt = base.retryAt();
        updatedAt = base.updatedAt();
        startedAt = base.startedAt();
        finishedAt = base.finishedAt();
        scope = base.jobScope();
        stalledAttempts = base.stalledAttempts();
        failuresInRow = base.failuresInRow();
        sessionProgressed = base.sessionProgressed();
        filesFailed = base.filesFailed();
        filesSkipped = base.filesSkipped();
    }

    JobBuilder state(JobState value) {
        state = value;
        return this;
    }

    JobBuilder outcome(JobRole role, @Nullable String value) {
        if (role == JobRole.SOURCE) {
            sourceOutcome = value;
        } else {
            targetOutcome = value;
        }
        return this;
    }

    JobBuilder counters(long newBytesDone, long newBytesTotal, long newFilesDone, long newFilesTotal) {
        bytesDone = newBytesDone;
        bytesTotal = newBytesTotal;
        filesDone = newFilesDone;
        filesTotal = newFilesTotal;
        return this;
    }

    JobBuilder rate(long value, Instant at) {
        bytesPerSecond = value;
        progressAt = at;
        return this;
    }

    JobBuilder bytesRelayed(long value) {
        bytesRelayed = value;
        return this;
    }

    JobBuilder progressFromAgent(boolean value) {
        progressFromAgent = value;
        return this;
    }

    JobBuilder progressMilestone(int value) {
        progressMilestone = value;
        return this;
    }

    JobBuilder error(@Nullable JobError value) {
        error = value;
        return this;
    }

    JobBuilder retryAt(@Nullable Instant value) {
        retryAt = value;
        return this;
    }

    JobBuilder finishedAt(@Nullable Instant value) {
        finishedAt = value;
        return this;
    }

    JobBuilder scope(JobScope value) {
        scope = value;
        return this;
    }

    JobBuilder retryCounters(int stalled, int failures) {
        stalledAttempts = stalled;
        failuresInRow = failures;
        return this;
    }

    JobBuilder sessionProgressed(boolean value) {
        sessionProgressed = value;
        return this;
    }

    JobBuilder fileCounts(long failed, long skipped) {
        filesFailed = failed;
        filesSkipped = skipped;
        return this;
    }

    JobBuilder updatedAt(Instant value) {
        updatedAt = value;
        return this;
    }

    /** Returns the changed job; its version is the base's, for the optimistic lock to check. */
    Job build() {
        return new Job(base.id(), base.tenantId(), base.sourceAgentId(), base.sourceEndpoint(), base.targetAgentId(),
                base.targetEndpoint(), state.wireName(), attempt, session, sourceOutcome, targetOutcome, bytesDone,
                bytesTotal, filesDone, filesTotal, bytesPerSecond, bytesRelayed, progressFromAgent, progressMilestone,
                progressAt, error == null ? null : error.name(), retryAt, base.createdAt(), updatedAt, startedAt,
                finishedAt, base.createdBy(), scope.wireName(), base.assignedBy(), stalledAttempts, failuresInRow,
                sessionProgressed, filesFailed, filesSkipped, base.version());
    }
}
