package io.sealift.control.audit;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.sealift.audit.format.Checkpoint;
import io.sealift.audit.format.SignedCheckpoint;
import java.time.Instant;
import java.util.UUID;

/**
 * One stored signed checkpoint: record {@code seq} of {@code chain} had {@code hash} at
 * {@code signedAt}, signed by the audit key.
 *
 * @param id the row's id
 * @param chain {@code global}, {@code platform} or {@code tenant:<id>}
 * @param seq the sequence number in that chain of the record it covers
 * @param hash that record's hash
 * @param signedAt when it was signed
 * @param keyFingerprint the fingerprint of the key that signed it
 * @param signature standard base64 of the raw 64-byte Ed25519 signature
 */
@MappedEntity("audit_checkpoint")
record AuditCheckpoint(@Id UUID id, String chain, long seq, String hash, Instant signedAt, String keyFingerprint,
        String signature) {

    /** Returns the row for {@code signed}. */
    static AuditCheckpoint of(SignedCheckpoint signed) {
        Checkpoint checkpoint = signed.checkpoint();
        return new AuditCheckpoint(UUID.randomUUID(), checkpoint.chain(), checkpoint.seq(), checkpoint.hash(),
                checkpoint.time(), checkpoint.keyFingerprint(), signed.signature());
    }

    /** Returns the checkpoint as stored, ready to export. */
    SignedCheckpoint signed() {
        return new SignedCheckpoint(new Checkpoint(chain, seq, hash, signedAt, keyFingerprint), signature);
    }
}
