package io.sealift.control.jobs;

import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.util.UUID;

/**
 * How many files of one agent's result failed with one per-file error code.
 *
 * @param id the job, session, role and code
 * @param files how many files; at least 1
 */
@MappedEntity("job_session_file_error")
public record SessionFileError(@EmbeddedId Key id, long files) {

    /**
     * The count's key.
     *
     * @param jobId the job
     * @param session the session
     * @param role {@code source} or {@code target}
     * @param code a {@link JobError} name
     */
    @Embeddable
    public record Key(
            @MappedProperty("job_id") UUID jobId,
            @MappedProperty("session") long session,
            @MappedProperty("role") String role,
            @MappedProperty("code") String code) {
    }
}
