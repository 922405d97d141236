package io.sealift.control.audit;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * The head of one hash chain: its last record's sequence number and hash, and the last
 * sequence number a stored checkpoint covers. Appends lock this row.
 *
 * @param chain {@code global}, {@code platform} or {@code tenant:<id>}
 * @param lastSeq the last record's sequence number in the chain; 0 while empty
 * @param lastHash its hash; the genesis hash while empty
 * @param checkpointSeq the last sequence number a stored checkpoint covers
 */
@MappedEntity("audit_head")
record AuditHead(@Id String chain, long lastSeq, String lastHash, long checkpointSeq) {

    /** Returns the head after appending a record with {@code hash}. */
    AuditHead advance(String hash) {
        return new AuditHead(chain, lastSeq + 1, hash, checkpointSeq);
    }

    /** Returns the head with {@code seq} covered by a checkpoint. */
    AuditHead checkpointed(long seq) {
        return new AuditHead(chain, lastSeq, lastHash, Math.max(checkpointSeq, seq));
    }
}
