package io.sealift.control.jobs;

import io.micronaut.core.annotation.Nullable;
import io.sealift.control.audit.AuditEntry;
import io.sealift.control.audit.AuditLog;
import jakarta.inject.Singleton;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the audit records of jobs: target {@code job:<id>}, metadata only (ids, counts, codes,
 * states; never names of files).
 *
 * <p>Thread-safe. A failed append is logged at ERROR and otherwise swallowed, so an agent's
 * message or a state change that was already stored is not reported as failed.
 */
@Singleton
class JobAudit {
    /** The actor of records the control plane writes on its own (sweep, assignment). */
    static final String SYSTEM = "system";

    private static final Logger LOG = LoggerFactory.getLogger(JobAudit.class);

    private final AuditLog log;

    JobAudit(AuditLog log) {
        this.log = log;
    }

    /** Appends a record about {@code job}. */
    void record(Job job, String actor, String action, String outcome, @Nullable String correlationId,
            Map<String, String> details) {
        AuditEntry entry = new AuditEntry(job.tenantId(), actor, action, "job:" + job.id(), outcome, correlationId,
                details);
        try {
            log.record(entry);
        } catch (RuntimeException e) {
            LOG.error("audit record lost: action={} actor={} target={} outcome={}", entry.action(), entry.actor(),
                    entry.target(), entry.outcome(), e);
        }
    }
}
