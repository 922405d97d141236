package io.sealift.control.retention;

import io.micronaut.scheduling.annotation.Scheduled;
import io.sealift.audit.format.Timestamps;
import io.sealift.control.audit.AuditEntry;
import io.sealift.control.audit.AuditLog;
import io.sealift.control.audit.AuditPurge;
import io.sealift.control.audit.AuditSettings;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the retention policies on a schedule ({@code sealift.retention.sweep-interval}):
 * audit records older than {@code sealift.audit.retention} (7 years by default) and finished jobs
 * older than {@code sealift.retention.jobs}. Every purge that removes something is audited.
 *
 * <p>Thread-safe.
 */
@Singleton
public class RetentionSweep {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweep.class);

    private final AuditPurge auditPurge;
    private final JobRetention jobRetention;
    private final AuditLog audit;
    private final AuditSettings auditSettings;
    private final RetentionSettings settings;
    private final Clock clock;

    /** Creates the sweep. */
    public RetentionSweep(AuditPurge auditPurge, JobRetention jobRetention, AuditLog audit,
            AuditSettings auditSettings, RetentionSettings settings, Clock clock) {
        this.auditPurge = auditPurge;
        this.jobRetention = jobRetention;
        this.audit = audit;
        this.auditSettings = auditSettings;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * What a sweep removed.
     *
     * @param auditRecords audit records deleted
     * @param jobs finished jobs deleted
     */
    public record Swept(long auditRecords, long jobs) {
    }

    /** Runs {@link #sweep()}; a failure is logged and retried at the next interval. */
    @Scheduled(fixedDelay = "${sealift.retention.sweep-interval:1h}", initialDelay = "1m")
    void onInterval() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.error("the retention sweep failed; retrying at the next interval", e);
        }
    }

    /** Purges what the policies say is due now. */
    public Swept sweep() {
        Instant now = clock.instant();
        long auditRecords = auditPurge.purgeBefore(now.minus(auditSettings.retention())).records();
        Instant jobCutoff = now.minus(settings.jobs()).truncatedTo(ChronoUnit.MICROS);
        long jobs = jobRetention.purgeFinishedBefore(jobCutoff);
        if (jobs > 0) {
            audit.record(new AuditEntry(null, "system", "retention.purge", "jobs", "success", null,
                    Map.of("cutoff", Timestamps.format(jobCutoff), "rows", Long.toString(jobs))));
        }
        return new Swept(auditRecords, jobs);
    }
}
