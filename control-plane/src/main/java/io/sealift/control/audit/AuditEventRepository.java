package io.sealift.control.audit;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.UUID;

/** Stores audit records. Appends go through {@link AuditLog} only. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditEventRepository extends CrudRepository<AuditEvent, Long> {

    /** Returns the highest sequence number, or 0 for an empty log. */
    @Query("SELECT COALESCE(MAX(seq), 0) FROM audit_event")
    long maxSeq();

    /** Lists a tenant's records in sequence order. */
    List<AuditEvent> findByTenantIdOrderBySeq(UUID tenantId);

    /** Lists records with the given action, in sequence order. */
    List<AuditEvent> findByActionOrderBySeq(String action);
}
