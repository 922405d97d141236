package io.sealift.control.jobs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Stores the history of jobs' transfer sessions. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface JobSessionRepository extends GenericRepository<JobSession, JobSession.Key> {

    /** Stores a session that was just assigned. */
    @Query("INSERT INTO job_session (job_id, session, attempt, scope, started_at, progressed)"
            + " VALUES (:jobId, :session, :attempt, :scope, :startedAt, FALSE)")
    void started(UUID jobId, long session, int attempt, String scope, Instant startedAt);

    /** Records how a session ended; changes nothing if it already ended. */
    @Query("UPDATE job_session SET ended_at = :endedAt, ending = :ending, error_code = :errorCode,"
            + " progressed = :progressed WHERE job_id = :jobId AND session = :session AND ended_at IS NULL")
    long ended(UUID jobId, long session, Instant endedAt, String ending, @Nullable String errorCode,
            boolean progressed);

    /** Lists a job's sessions, first first. */
    @Query("SELECT job_id, session, attempt, scope, started_at, ended_at, ending, error_code, progressed"
            + " FROM job_session WHERE job_id = :jobId ORDER BY session")
    List<JobSession> findByJob(UUID jobId);
}
