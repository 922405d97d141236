package io.sealift.control.jobs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Stores agents' session results; their per-code failure counts are in {@link SessionFileErrorRepository}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SessionResultRepository extends GenericRepository<SessionResult, SessionResult.Key> {

    /** Stores one result. */
    @Query("INSERT INTO job_session_result (job_id, session, role, agent_id, outcome, error_code, retryable,"
            + " files_done, bytes_done, files_failed, files_skipped, received_at) VALUES (:jobId, :session, :role,"
            + " :agentId, :outcome, :errorCode, :retryable, :filesDone, :bytesDone, :filesFailed, :filesSkipped,"
            + " :receivedAt)")
    void insert(UUID jobId, long session, String role, UUID agentId, String outcome, @Nullable String errorCode,
            boolean retryable, long filesDone, long bytesDone, long filesFailed, long filesSkipped,
            Instant receivedAt);

    /** Lists the results of the latest session of a job that has any, source first. */
    @Query("SELECT job_id, session, role, agent_id, outcome, error_code, retryable, files_done, bytes_done,"
            + " files_failed, files_skipped, received_at FROM job_session_result WHERE job_id = :jobId"
            + " AND session = (SELECT MAX(session) FROM job_session_result WHERE job_id = :jobId) ORDER BY role")
    List<SessionResult> findLatest(UUID jobId);
}
