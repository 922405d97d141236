package io.sealift.control.agents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stores enrolled agents. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AgentRepository extends CrudRepository<Agent, UUID> {

    /** Finds a tenant's agent by id; empty when it belongs to another tenant. */
    Optional<Agent> findByIdAndTenantId(UUID id, UUID tenantId);

    /** Lists a tenant's agents, oldest first. */
    List<Agent> findByTenantIdOrderByEnrolledAt(UUID tenantId);

    /** Records that an agent's control stream opened (or is alive) at {@code now}. */
    @Query("UPDATE agent SET connected = TRUE, last_seen = :now, version = :version WHERE id = :id")
    long markConnected(UUID id, Instant now, @Nullable String version);

    /** Records a heartbeat at {@code now}. */
    @Query("UPDATE agent SET last_seen = :now WHERE id = :id")
    long touch(UUID id, Instant now);

    /** Records that an agent's control stream closed at {@code now}. */
    @Query("UPDATE agent SET connected = FALSE, last_seen = :now WHERE id = :id")
    long markDisconnected(UUID id, Instant now);

    /** Marks an agent revoked; returns the number of rows changed (0 if already revoked). */
    @Query("UPDATE agent SET revoked_at = :revokedAt, connected = FALSE WHERE id = :id AND revoked_at IS NULL")
    long revoke(UUID id, Instant revokedAt);
}
