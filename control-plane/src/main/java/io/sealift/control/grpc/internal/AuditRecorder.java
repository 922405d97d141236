package io.sealift.control.grpc.internal;

import io.sealift.control.audit.AuditEntry;
import io.sealift.control.audit.AuditLog;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records agent-facing events in the {@link AuditLog} without letting a failed append change the
 * answer an agent gets: an enrollment that was committed must still return its certificate, and
 * a refusal must still say why.
 *
 * <p>Thread-safe. An append that fails (for instance a lost database connection)
 * is retried twice; if it still fails, the loss is logged at ERROR with the entry's metadata.
 */
@Singleton
public class AuditRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(AuditRecorder.class);
    private static final int ATTEMPTS = 3;

    private final AuditLog log;

    /** Creates the recorder over the audit log. */
    public AuditRecorder(AuditLog log) {
        this.log = log;
    }

    /** Appends {@code entry}, retrying a failed append. */
    public void record(AuditEntry entry) {
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                log.record(entry);
                return;
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        LOG.error("audit record lost: action={} actor={} target={} outcome={}", entry.action(), entry.actor(),
                entry.target(), entry.outcome(), failure);
    }
}
