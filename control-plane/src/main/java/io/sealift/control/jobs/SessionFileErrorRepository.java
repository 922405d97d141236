package io.sealift.control.jobs;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

/** Stores how many files of an agent's session result failed with each per-file error code. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SessionFileErrorRepository extends GenericRepository<SessionFileError, SessionFileError.Key> {

    /** Stores one count. */
    @Query("INSERT INTO job_session_file_error (job_id, session, role, code, files)"
            + " VALUES (:jobId, :session, :role, :code, :files)")
    void insert(UUID jobId, long session, String role, String code, long files);

    /** Lists the counts of a job's session, by role and code. */
    @Query("SELECT job_id, session, role, code, files FROM job_session_file_error"
            + " WHERE job_id = :jobId AND session = :session ORDER BY role, code")
    List<SessionFileError> findBySession(UUID jobId, long session);
}
