package io.sealift.control.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.sealift.audit.format.AuditRecord;
import io.sealift.audit.format.CanonicalJson;
import io.sealift.audit.format.ExportedRecord;
import io.sealift.audit.format.FormatException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One stored audit record. Metadata only: ids, actions and outcomes; never a secret, a path or
 * a file name.
 *
 * @param seq the record's position in the global chain, from 1, without gaps
 * @param occurredAt when it happened (UTC, whole microseconds)
 * @param tenantId the tenant concerned, or {@code null} for platform-wide events
 * @param actor who acted: {@code token:<id>}, {@code agent:<id>}, {@code anonymous} or
 *     {@code system}
 * @param action what was done, e.g. {@code tenant.create}
 * @param target what it was done to, e.g. {@code tenant:<id>}
 * @param outcome {@code success}, {@code denied}, {@code failure} ...
 * @param correlationId the request's correlation id, also returned in {@code X-Correlation-Id}
 * @param details further metadata as a canonical JSON object of strings, or {@code null} for none
 * @param chain its scope chain: {@code tenant:<id>} or {@code platform}
 * @param chainSeq its position in the scope chain, from 1, without gaps
 * @param prevHash the hash of the global chain's previous record
 * @param chainPrevHash the hash of the scope chain's previous record
 * @param hash this record's hash: SHA-256 of its canonical form ({@link AuditRecord})
 */
@MappedEntity("audit_event")
public record AuditEvent(
        @Id Long seq,
        Instant occurredAt,
        @Nullable UUID tenantId,
        String actor,
        String action,
        @Nullable String target,
        String outcome,
        @Nullable String correlationId,
        @Nullable String details,
        String chain,
        long chainSeq,
        String prevHash,
        String chainPrevHash,
        String hash) {

    /** Returns the row for {@code record}, whose hash is {@code hash}. */
    static AuditEvent of(AuditRecord record, String hash) {
        return new AuditEvent(record.seq(), record.time(), record.tenant(), record.actor(), record.action(),
                record.target(), record.outcome(), record.correlationId(),
                record.details().isEmpty() ? null : CanonicalJson.write(record.details()), record.chain(),
                record.chainSeq(), record.prev(), record.chainPrev(), hash);
    }

    /**
     * Returns the record as stored, with the hash stored beside it, ready to export. Nothing is
     * checked here: a row edited in the database exports as it is, and the verifier finds it.
     *
     * @throws IllegalStateException if the row cannot be a record at all (e.g. unparseable details)
     */
    ExportedRecord exported() {
        AuditRecord record = new AuditRecord(seq, prevHash, chain, chainSeq, chainPrevHash, occurredAt, tenantId,
                actor, action, target, outcome, correlationId, detailsMap());
        return new ExportedRecord(record, hash);
    }

    /** Returns the details as a map, empty when there are none. */
    Map<String, String> detailsMap() {
        if (details == null) {
            return Map.of();
        }
        try {
            Map<String, String> map = new TreeMap<>();
            CanonicalJson.parseObject(details).forEach((key, value) -> map.put(key, (String) value));
            return map;
        } catch (FormatException | ClassCastException e) {
            throw new IllegalStateException("audit record " + seq + " has details that are not a JSON object of"
                    + " strings", e);
        }
    }
}
