package io.sealift.control.audit;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** Stores chain heads. Only {@link ChainAppender} and {@link Checkpointer} change them, in their transactions. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface AuditHeadRepository extends GenericRepository<AuditHead, String> {

    /** Reads a chain's head and locks its row until the transaction ends. */
    @Query("SELECT * FROM audit_head WHERE chain = :chain FOR UPDATE")
    Optional<AuditHead> lock(String chain);

    /** Lists the heads with records no stored checkpoint covers yet, locking their rows. */
    @Query("SELECT * FROM audit_head WHERE last_seq > checkpoint_seq ORDER BY chain FOR UPDATE")
    List<AuditHead> lockUncheckpointed();

    /** Reads a chain's head without locking. */
    @Query("SELECT * FROM audit_head WHERE chain = :chain")
    Optional<AuditHead> find(String chain);

    /** Inserts a new chain's head. */
    AuditHead save(AuditHead head);

    /** Writes a head back. */
    AuditHead update(AuditHead head);
}
