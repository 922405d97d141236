package io.sealift.control.jobs;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores jobs. Every change but the assignment is {@link #update} with the optimistic lock
 * ({@code version}): it throws {@code OptimisticLockException} when the row changed since it was
 * read. The assignment is a conditional update, so of two replicas or threads only one wins.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface JobRepository extends CrudRepository<Job, UUID> {

    /** Finds a tenant's job; empty when it belongs to another tenant. */
    Optional<Job> findByIdAndTenantId(UUID id, UUID tenantId);

    /** Lists a tenant's jobs, newest first. */
    List<Job> findByTenantIdOrderByCreatedAtDesc(UUID tenantId);

    /** Lists queued jobs that may be assigned at {@code now}, oldest first. */
    @Query("SELECT * FROM job WHERE state = 'queued' AND (retry_at IS NULL OR retry_at <= :now)"
            + " ORDER BY created_at LIMIT :limit")
    List<Job> findAssignable(Instant now, int limit);

    /** Lists queued jobs of {@code agentId} (either side) that may be assigned at {@code now}, oldest first. */
    @Query("SELECT * FROM job WHERE state = 'queued' AND (source_agent_id = :agentId OR target_agent_id = :agentId)"
            + " AND (retry_at IS NULL OR retry_at <= :now) ORDER BY created_at")
    List<Job> findAssignableOf(UUID agentId, Instant now);

    /** Lists jobs in {@code state} in which {@code agentId} plays either side. */
    @Query("SELECT * FROM job WHERE state = :state AND (source_agent_id = :agentId OR target_agent_id = :agentId)")
    List<Job> findByAgentAndState(UUID agentId, String state);

    /** Lists running jobs, oldest first, for the sweep's presence check. */
    @Query("SELECT * FROM job WHERE state = 'running' ORDER BY created_at LIMIT :limit")
    List<Job> findRunning(int limit);

    /**
     * Moves a queued job to running as a new attempt and session assigned by {@code instance},
     * resetting the session's outcomes, rate and relay count. The done counters are kept when they
     * came from the target (they count over the whole job), else reset. Changes no row (returns 0)
     * if the job is not queued or still backing off, e.g. because another thread or replica
     * assigned it first: of concurrent callers exactly one wins.
     */
    @Query("UPDATE job SET state = 'running', attempt = attempt + 1, session = session + 1,"
            + " source_outcome = NULL, target_outcome = NULL,"
            + " bytes_done = CASE WHEN progress_from_agent THEN bytes_done ELSE 0 END,"
            + " files_done = CASE WHEN progress_from_agent THEN files_done ELSE 0 END,"
            + " bytes_per_second = 0, bytes_relayed = 0, session_progressed = FALSE, assigned_by = :instance,"
            + " progress_at = :now, retry_at = NULL, started_at = :now, updated_at = :now, version = version + 1"
            + " WHERE id = :id AND state = 'queued' AND (retry_at IS NULL OR retry_at <= :now)")
    long assign(UUID id, Instant now, UUID instance);
}
