package io.sealift.control.enrollment;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stores enrollment tokens by hash. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EnrollmentTokenRepository extends CrudRepository<EnrollmentToken, UUID> {

    /** Finds a token by the hash of its value. */
    Optional<EnrollmentToken> findByTokenHash(String tokenHash);

    /** Finds a tenant's token by id; empty when it belongs to another tenant. */
    Optional<EnrollmentToken> findByIdAndTenantId(UUID id, UUID tenantId);

    /** Lists a tenant's tokens, oldest first. */
    List<EnrollmentToken> findByTenantIdOrderByCreatedAt(UUID tenantId);

    /**
     * Consumes a token: succeeds (returns 1) only if it is still unused, unrevoked and unexpired
     * at {@code now}, so two agents racing with one token cannot both enroll.
     */
    @Query("UPDATE enrollment_token SET used_at = :now, used_by = :agentId"
            + " WHERE id = :id AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :now")
    long consume(UUID id, UUID agentId, Instant now);

    /** Marks a token revoked; returns the number of rows changed (0 if already revoked). */
    @Query("UPDATE enrollment_token SET revoked_at = :revokedAt WHERE id = :id AND revoked_at IS NULL")
    long revoke(UUID id, Instant revokedAt);
}
