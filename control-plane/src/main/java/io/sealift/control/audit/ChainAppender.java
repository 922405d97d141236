package io.sealift.control.audit;

import io.sealift.audit.format.AuditRecord;
import io.sealift.audit.format.Chains;
import io.sealift.audit.format.Sha256;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * Links a record into the global chain and its scope chain and stores it, inside the caller's
 * transaction ({@link ChainTransactions}).
 *
 * <p>Thread-safe. The global head is locked before the scope head, by every writer, so writers
 * queue on one row and never deadlock.
 */
@Singleton
class ChainAppender {
    private final AuditEventRepository events;
    private final AuditHeadRepository heads;
    private final Checkpointer checkpointer;

    ChainAppender(AuditEventRepository events, AuditHeadRepository heads, Checkpointer checkpointer) {
        this.events = events;
        this.heads = heads;
        this.checkpointer = checkpointer;
    }

    /** Appends {@code entry} as of {@code time} and returns the stored record. */
    AuditEvent append(AuditEntry entry, Instant time) {
        Linked linked = link(entry, time);
        return events.save(AuditEvent.of(linked.record(), linked.hash()));
    }

    /**
     * Links a record stored before the hash chain existed; it must be the next in sequence.
     *
     * @throws IllegalStateException if its sequence number does not follow the global head's
     */
    void chainStored(AuditEvent row) {
        AuditHead global = lockGlobal();
        if (row.seq() != global.lastSeq() + 1) {
            throw new IllegalStateException("audit record " + row.seq() + " follows record " + global.lastSeq()
                    + ": records written before the hash chain have a gap; restore the missing records");
        }
        AuditEntry entry = new AuditEntry(row.tenantId(), row.actor(), row.action(), row.target(), row.outcome(),
                row.correlationId(), row.detailsMap());
        Linked linked = link(entry, row.occurredAt());
        AuditRecord record = linked.record();
        events.chain(record.seq(), AuditEvent.of(record, linked.hash()).details(), record.chain(),
                record.chainSeq(), record.prev(), record.chainPrev(), linked.hash());
    }

    /** Returns the head of the global chain, locked. */
    AuditHead lockGlobal() {
        return heads.lock(Chains.GLOBAL).orElseThrow(() -> new IllegalStateException(
                "audit_head has no global row; the V3__audit_chain migration has not run"));
    }

    private Linked link(AuditEntry entry, Instant time) {
        AuditHead global = lockGlobal();
        String chain = Chains.scopeOf(entry.tenantId());
        AuditHead scope = heads.lock(chain).orElseGet(() -> heads.save(new AuditHead(chain, 0, Sha256.GENESIS, 0)));
        AuditRecord record = new AuditRecord(global.lastSeq() + 1, global.lastHash(), chain, scope.lastSeq() + 1,
                scope.lastHash(), time, entry.tenantId(), entry.actor(), entry.action(), entry.target(),
                entry.outcome(), entry.correlationId(), entry.details());
        String hash = record.hash();
        heads.update(checkpointer.afterAppend(global.advance(hash)));
        heads.update(checkpointer.afterAppend(scope.advance(hash)));
        return new Linked(record, hash);
    }

    private record Linked(AuditRecord record, String hash) {
    }
}
