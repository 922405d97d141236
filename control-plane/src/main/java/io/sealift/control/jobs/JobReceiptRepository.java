package io.sealift.control.jobs;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Stores agents' signed receipts. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface JobReceiptRepository extends GenericRepository<JobReceipt, JobReceipt.Key> {

    /** Stores one receipt. */
    @Query("INSERT INTO job_receipt (job_id, session, role, agent_id, receipt, signature, verified, received_at)"
            + " VALUES (:jobId, :session, :role, :agentId, :receipt, :signature, :verified, :receivedAt)")
    void insert(UUID jobId, long session, String role, UUID agentId, byte[] receipt, byte[] signature,
            boolean verified, Instant receivedAt);

    /** Lists a job's receipts of one session, source first. */
    @Query("SELECT job_id, session, role, agent_id, receipt, signature, verified, received_at FROM job_receipt"
            + " WHERE job_id = :jobId AND session = :session ORDER BY role")
    List<JobReceipt> findByJobAndSession(UUID jobId, long session);

    /** Lists the receipts of a tenant's jobs, for their current sessions only. */
    @Query("SELECT r.job_id, r.session, r.role, r.agent_id, r.receipt, r.signature, r.verified, r.received_at"
            + " FROM job_receipt r JOIN job j ON j.id = r.job_id AND j.session = r.session"
            + " WHERE j.tenant_id = :tenantId ORDER BY r.job_id, r.role")
    List<JobReceipt> findCurrentByTenant(UUID tenantId);
}
