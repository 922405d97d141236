package io.sealift.control.audit;

import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * Appends records to the audit log.
 *
 * <p>Thread-safe: appends are serialized, and the lock is held until the append's transaction
 * has committed, so two appends never read the same highest sequence number and the sequence
 * has no gaps. Each append is its own transaction, so an event is recorded even when the action
 * it describes is rolled back (a refused enrollment leaves nothing but its audit record).
 */
@Singleton
public class AuditLog {
    private final AuditEventRepository repository;
    private final ObjectMapper json;
    private final Clock clock;
    private final TransactionOperations<Connection> transactions;

    /** Creates the log over its repository. */
    public AuditLog(AuditEventRepository repository, ObjectMapper json, Clock clock,
            TransactionOperations<Connection> transactions) {
        this.repository = repository;
        this.json = json;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** Appends {@code entry} and returns the stored record. */
    public synchronized AuditEvent record(AuditEntry entry) {
        String details = detailsJson(entry);
        return transactions.execute(TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW),
                status -> repository.save(new AuditEvent(repository.maxSeq() + 1, clock.instant(), entry.tenantId(),
                        entry.actor(), entry.action(), entry.target(), entry.outcome(), entry.correlationId(),
                        details)));
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
