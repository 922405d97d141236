package io.sealift.control.tokens;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A staff bearer token, as stored: its hash, never its value.
 *
 * @param id the token's id, safe to log and to audit
 * @param tenantId the tenant it is scoped to; {@code null} only for platform-admin tokens
 * @param role one of {@code platform-admin}, {@code owner}, {@code operator}, {@code auditor}
 * @param tokenHash lowercase hex SHA-256 of the token
 * @param description a free label chosen by whoever created it
 * @param createdAt when it was created
 * @param createdBy the id of the token that created it; {@code null} for the bootstrap token
 * @param revokedAt when it was revoked, or {@code null}
 */
@MappedEntity("api_token")
public record ApiToken(
        @Id UUID id,
        @Nullable UUID tenantId,
        String role,
        String tokenHash,
        @Nullable String description,
        Instant createdAt,
        @Nullable UUID createdBy,
        @Nullable Instant revokedAt) {
}
