package io.sealift.control.audit;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** Stores signed checkpoints, at most one per chain and sequence number. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface AuditCheckpointRepository extends GenericRepository<AuditCheckpoint, java.util.UUID> {

    /** Inserts a checkpoint. */
    AuditCheckpoint save(AuditCheckpoint checkpoint);

    /** Replaces a checkpoint's row (same id). */
    AuditCheckpoint update(AuditCheckpoint checkpoint);

    /** Finds the checkpoint of {@code chain} at {@code seq}. */
    Optional<AuditCheckpoint> findByChainAndSeq(String chain, long seq);

    /** Returns the latest checkpoint of {@code chain} at or before {@code seq}. */
    @Query("SELECT * FROM audit_checkpoint WHERE chain = :chain AND seq <= :seq ORDER BY seq DESC LIMIT 1")
    Optional<AuditCheckpoint> latestAtOrBefore(String chain, long seq);

    /** Lists up to {@code limit} checkpoints of {@code chain} after {@code after}, through {@code last}. */
    @Query("SELECT * FROM audit_checkpoint WHERE chain = :chain AND seq > :after AND seq <= :last ORDER BY seq"
            + " LIMIT :limit")
    List<AuditCheckpoint> page(String chain, long after, long last, int limit);

    /** Deletes the checkpoints of {@code chain} before {@code seq}. */
    @Query("DELETE FROM audit_checkpoint WHERE chain = :chain AND seq < :seq")
    long deleteBefore(String chain, long seq);

    /** Counts the checkpoints of {@code chain}. */
    long countByChain(String chain);
}
