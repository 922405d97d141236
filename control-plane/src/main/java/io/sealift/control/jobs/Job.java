package io.sealift.control.jobs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A migration job, as stored: which agent's named source goes to which agent's named target,
 * where it is in its state machine, and its current session's counters. Metadata only: endpoint
 * names, never paths.
 *
 * <p>Immutable; changes go through {@link #toBuilder()} and are stored with an optimistic lock
 * ({@code version}), so two concurrent changes of one job never both win.
 *
 * @param id the job's id
 * @param tenantId the tenant it belongs to
 * @param sourceAgentId the agent that reads and sends
 * @param sourceEndpoint the name of a source endpoint in that agent's config
 * @param targetAgentId the agent that receives and writes
 * @param targetEndpoint the name of a target endpoint in that agent's config
 * @param state a {@link JobState} wire name
 * @param attempt assignments so far; 0 until first assigned
 * @param session the current transfer session; 0 until first assigned
 * @param sourceOutcome how the source ended this session (a {@code JobOutcome} name), or null
 * @param targetOutcome how the target ended this session, or null
 * @param bytesDone bytes the target verified and placed over the whole job (a resumed session
 *     counts what earlier sessions placed); until the target reports, the relay's count
 * @param bytesTotal bytes in total, 0 while unknown
 * @param filesDone files the target verified and placed over the whole job
 * @param filesTotal files in total, 0 while unknown
 * @param bytesPerSecond the smoothed transfer rate
 * @param bytesRelayed payload bytes the relay forwarded from source to target in this session
 * @param progressFromAgent whether the counters came from the target agent (else from the relay); once
 *     it reported, in any session, its counters stay the truth
 * @param progressMilestone the highest progress milestone audited for the job (0, 25, 50, 75)
 * @param progressAt when the counters were last updated
 * @param errorCode the last {@link JobError} name, or null
 * @param retryAt not assigned before this time, or null
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param startedAt when the current attempt was assigned, or null
 * @param finishedAt when it reached a final state, or null
 * @param createdBy the API token that created it, or null
 * @param scope a {@link JobScope} wire name: what the sessions transfer
 * @param assignedBy the control-plane process that assigned the current session, or null
 * @param stalledAttempts sessions in a row that failed without progress, counted against
 *     {@code sealift.jobs.max-attempts} ({@code DISK_FULL} excluded: the job waits)
 * @param failuresInRow retryable failures in a row since a session last made progress: the
 *     exponent of the retry backoff
 * @param sessionProgressed whether the target reported higher counters in this session than before
 * @param filesFailed files the latest session with results could not transfer
 * @param filesSkipped files the latest session with results skipped as out of its scope
 * @param version the optimistic lock's counter
 */
@MappedEntity("job")
public record Job(
        @Id UUID id,
        UUID tenantId,
        UUID sourceAgentId,
        String sourceEndpoint,
        UUID targetAgentId,
        String targetEndpoint,
        String state,
        int attempt,
        long session,
        @Nullable String sourceOutcome,
        @Nullable String targetOutcome,
        long bytesDone,
        long bytesTotal,
        long filesDone,
        long filesTotal,
        long bytesPerSecond,
        long bytesRelayed,
        boolean progressFromAgent,
        int progressMilestone,
        @Nullable Instant progressAt,
        @Nullable String errorCode,
        @Nullable Instant retryAt,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable UUID createdBy,
        String scope,
        @Nullable UUID assignedBy,
        int stalledAttempts,
        int failuresInRow,
        boolean sessionProgressed,
        long filesFailed,
        long filesSkipped,
        @Version long version) {

    /** Returns a new queued job, never assigned. */
    public static Job queued(UUID id, UUID tenantId, UUID sourceAgentId, String sourceEndpoint, UUID targetAgentId,
            String targetEndpoint, Instant now, @Nullable UUID createdBy) {
        return new Job(id, tenantId, sourceAgentId, sourceEndpoint, targetAgentId, targetEndpoint,
                JobState.QUEUED.wireName(), 0, 0, null, null, 0, 0, 0, 0, 0, 0, false, 0, null, null, null, now, now,
                null, null, createdBy, JobScope.ALL.wireName(), null, 0, 0, false, 0, 0, 0);
    }

    /** Returns the state as an enum. */
    public JobState jobState() {
        return JobState.parse(state).orElseThrow(() -> new IllegalStateException("job " + id + " has state " + state));
    }

    /** Returns the scope as an enum. */
    public JobScope jobScope() {
        return JobScope.parse(scope).orElseThrow(() -> new IllegalStateException("job " + id + " has scope " + scope));
    }

    /** Returns the last error, if any. */
    public Optional<JobError> error() {
        return errorCode == null ? Optional.empty() : JobError.parse(errorCode);
    }

    /** Returns the agent playing {@code role}. */
    public UUID agentOf(JobRole role) {
        return role == JobRole.SOURCE ? sourceAgentId : targetAgentId;
    }

    /** Returns the endpoint name of {@code role}. */
    public String endpointOf(JobRole role) {
        return role == JobRole.SOURCE ? sourceEndpoint : targetEndpoint;
    }

    /** Returns the stored outcome of {@code role} in this session, or null. */
    @Nullable
    public String outcomeOf(JobRole role) {
        return role == JobRole.SOURCE ? sourceOutcome : targetOutcome;
    }

    /** Returns a builder that starts from this job. */
    JobBuilder toBuilder() {
        return new JobBuilder(this);
    }
}
