package io.sealift.control.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores audit records. Appends go through {@link AuditLog} only; exports read in pages, by
 * sequence number, so no query returns more than a page.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditEventRepository extends CrudRepository<AuditEvent, Long> {

    /** Returns the highest sequence number, or 0 for an empty log. */
    @Query("SELECT COALESCE(MAX(seq), 0) FROM audit_event")
    long maxSeq();

    /** Lists a tenant's records in sequence order. */
    List<AuditEvent> findByTenantIdOrderBySeq(UUID tenantId);

    /** Lists records with the given action, in sequence order. */
    List<AuditEvent> findByActionOrderBySeq(String action);

    /** Finds the record at {@code chainSeq} of a scope chain. */
    Optional<AuditEvent> findByChainAndChainSeq(String chain, long chainSeq);

    /** Lists up to {@code limit} records of the global chain after {@code after}, through {@code last}. */
    @Query("SELECT * FROM audit_event WHERE seq > :after AND seq <= :last ORDER BY seq LIMIT :limit")
    List<AuditEvent> globalPage(long after, long last, int limit);

    /** Lists up to {@code limit} records of a scope chain after {@code after}, through {@code last}. */
    @Query("SELECT * FROM audit_event WHERE chain = :chain AND chain_seq > :after AND chain_seq <= :last"
            + " ORDER BY chain_seq LIMIT :limit")
    List<AuditEvent> chainPage(String chain, long after, long last, int limit);

    /** Returns the first global sequence number, or 0 for an empty log. */
    @Query("SELECT COALESCE(MIN(seq), 0) FROM audit_event")
    long firstSeq();

    /** Returns the first sequence number of a scope chain, or 0 when it has no records. */
    @Query("SELECT COALESCE(MIN(chain_seq), 0) FROM audit_event WHERE chain = :chain")
    long firstChainSeq(String chain);

    /** Returns the first global sequence number at or after {@code time}, or 0 for none. */
    @Query("SELECT COALESCE(MIN(seq), 0) FROM audit_event WHERE occurred_at >= :time")
    long firstSeqFrom(Instant time);

    /** Returns the last global sequence number at or before {@code time}, or 0 for none. */
    @Query("SELECT COALESCE(MAX(seq), 0) FROM audit_event WHERE occurred_at <= :time")
    long lastSeqUntil(Instant time);

    /** Returns the first sequence number of a scope chain at or after {@code time}, or 0 for none. */
    @Query("SELECT COALESCE(MIN(chain_seq), 0) FROM audit_event WHERE chain = :chain AND occurred_at >= :time")
    long firstChainSeqFrom(String chain, Instant time);

    /** Returns the last sequence number of a scope chain at or before {@code time}, or 0 for none. */
    @Query("SELECT COALESCE(MAX(chain_seq), 0) FROM audit_event WHERE chain = :chain AND occurred_at <= :time")
    long lastChainSeqUntil(String chain, Instant time);

    /** Returns, for every scope chain with records at or before global {@code seq}, the last such record. */
    @Query("SELECT e.* FROM audit_event e JOIN (SELECT chain, MAX(chain_seq) AS last_seq FROM audit_event"
            + " WHERE seq <= :seq GROUP BY chain) c ON e.chain = c.chain AND e.chain_seq = c.last_seq")
    List<AuditEvent> lastOfEachChainThrough(long seq);

    /** Deletes the records at or before global {@code seq}; returns how many. */
    @Query("DELETE FROM audit_event WHERE seq <= :seq")
    long deleteThrough(long seq);

    /** Lists up to {@code limit} records written before the hash chain existed, in sequence order. */
    @Query("SELECT seq, occurred_at, tenant_id, actor, action, target, outcome, correlation_id, details,"
            + " 'platform' AS chain, 0 AS chain_seq, '' AS prev_hash, '' AS chain_prev_hash, '' AS hash"
            + " FROM audit_event WHERE hash IS NULL ORDER BY seq LIMIT :limit")
    List<AuditEvent> unchained(int limit);

    /** Sets the chain columns (and canonical details) of a record written before the hash chain existed. */
    @Query("UPDATE audit_event SET details = :details, chain = :chain, chain_seq = :chainSeq, prev_hash = :prevHash,"
            + " chain_prev_hash = :chainPrevHash, hash = :hash WHERE seq = :seq AND hash IS NULL")
    long chain(long seq, @Nullable String details, String chain, long chainSeq, String prevHash, String chainPrevHash,
            String hash);
}
