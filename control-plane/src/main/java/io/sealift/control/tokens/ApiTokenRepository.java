package io.sealift.control.tokens;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stores staff API tokens by hash. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ApiTokenRepository extends CrudRepository<ApiToken, UUID> {

    /** Finds a token by the hash of its value. */
    Optional<ApiToken> findByTokenHash(String tokenHash);

    /** Finds a tenant's token by id; empty when it belongs to another tenant. */
    Optional<ApiToken> findByIdAndTenantId(UUID id, UUID tenantId);

    /** Lists a tenant's tokens, oldest first. */
    List<ApiToken> findByTenantIdOrderByCreatedAt(UUID tenantId);

    /** Counts all tokens; zero means the store is empty and needs a bootstrap token. */
    long count();

    /** Marks a token revoked; returns the number of rows changed (0 if already revoked). */
    @Query("UPDATE api_token SET revoked_at = :revokedAt WHERE id = :id AND revoked_at IS NULL")
    long revoke(UUID id, Instant revokedAt);
}
