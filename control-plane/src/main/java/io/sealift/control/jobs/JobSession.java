package io.sealift.control.jobs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * One transfer session of a job, as stored: stored when it is assigned, completed when it ends.
 * Metadata only.
 *
 * @param id the job and session number
 * @param attempt the job's attempt number it was
 * @param scope a {@link JobScope} wire name
 * @param startedAt when it was assigned
 * @param endedAt when it ended, or null while it runs
 * @param ending {@code requeued} (a retry followed) or the job's final state, or null while it runs
 * @param errorCode the job's error when it ended (a {@link JobError} name), or null
 * @param progressed whether the target placed something new in it
 */
@MappedEntity("job_session")
public record JobSession(
        @EmbeddedId Key id,
        int attempt,
        String scope,
        Instant startedAt,
        @Nullable Instant endedAt,
        @Nullable String ending,
        @Nullable String errorCode,
        boolean progressed) {

    /** The {@code ending} of a session after which the job was queued for another attempt. */
    public static final String REQUEUED = "requeued";

    /**
     * The session's key.
     *
     * @param jobId the job
     * @param session the session number
     */
    @Embeddable
    public record Key(@MappedProperty("job_id") UUID jobId, @MappedProperty("session") long session) {
    }
}
