package io.sealift.control.audit;

import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;

/**
 * Appends records to the audit log.
 *
 * <p>Thread-safe: appends are serialized so sequence numbers have no gaps. Each append is its
 * own transaction, so an event is recorded even when the action it describes is rolled back
 * (a refused enrollment leaves nothing but its audit record).
 */
@Singleton
public class AuditLog {
    private final AuditEventRepository repository;
    private final ObjectMapper json;
    private final Clock clock;

    /** Creates the log over its repository. */
    public AuditLog(AuditEventRepository repository, ObjectMapper json, Clock clock) {
        this.repository = repository;
        this.json = json;
        this.clock = clock;
    }

    /** Appends {@code entry} and returns the stored record. */
    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    public synchronized AuditEvent record(AuditEntry entry) {
        Instant now = clock.instant();
        AuditEvent event = new AuditEvent(repository.maxSeq() + 1, now, entry.tenantId(), entry.actor(),
                entry.action(), entry.target(), entry.outcome(), entry.correlationId(), detailsJson(entry));
        return repository.save(event);
    }

    private String detailsJson(AuditEntry entry) {
        if (entry.details().isEmpty()) {
            return null;
        }
        try {
            return json.writeValueAsString(entry.details());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode audit details", e);
        }
    }
}
