package io.sealift.control.enrollment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A single-use, short-lived agent enrollment token, as stored: its hash, never its value.
 *
 * @param id the token's id
 * @param tenantId the tenant an agent enrolled with it joins
 * @param tokenHash lowercase hex SHA-256 of the token
 * @param createdAt when it was created
 * @param createdBy the API token that created it
 * @param expiresAt when it stops being accepted
 * @param usedAt when an agent enrolled with it, or {@code null}
 * @param usedBy the agent that enrolled with it, or {@code null}
 * @param revokedAt when it was revoked, or {@code null}
 */
@MappedEntity("enrollment_token")
public record EnrollmentToken(
        @Id UUID id,
        UUID tenantId,
        String tokenHash,
        Instant createdAt,
        @Nullable UUID createdBy,
        Instant expiresAt,
        @Nullable Instant usedAt,
        @Nullable UUID usedBy,
        @Nullable Instant revokedAt) {
}
