package io.sealift.control.jobs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * An agent's result for its part of a session, as the job took it into account. Counts only:
 * the names behind them stay in the agent's local report.
 *
 * @param id the job, session and role
 * @param agentId the agent that sent it (from its certificate)
 * @param outcome a {@code sealift.v1.JobOutcome} name
 * @param errorCode a {@link JobError} name, or null when the agent named none
 * @param retryable the agent's own view of whether its failure may pass on retry
 * @param filesDone files it sent (source) or verified and placed (target), over the whole job
 * @param bytesDone bytes it sent or verified and placed, over the whole job
 * @param filesFailed files it could not transfer
 * @param filesSkipped files it skipped as out of the session's scope
 * @param receivedAt when it arrived
 */
@MappedEntity("job_session_result")
public record SessionResult(
        @EmbeddedId Key id,
        UUID agentId,
        String outcome,
        @Nullable String errorCode,
        boolean retryable,
        long filesDone,
        long bytesDone,
        long filesFailed,
        long filesSkipped,
        Instant receivedAt) {

    /**
     * The result's key.
     *
     * @param jobId the job
     * @param session the session it ends
     * @param role {@code source} or {@code target}
     */
    @Embeddable
    public record Key(
            @MappedProperty("job_id") UUID jobId,
            @MappedProperty("session") long session,
            @MappedProperty("role") String role) {
    }
}
