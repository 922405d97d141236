package io.sealift.control.tokens;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * An API token as listed: never its value, never its hash.
 *
 * @param id the token's id
 * @param role its role
 * @param tenantId its tenant
 * @param description its label, or {@code null}
 * @param createdAt when it was created
 * @param createdBy the token that created it, or {@code null}
 * @param revokedAt when it was revoked, or {@code null} while it is valid
 */
@Serdeable
public record ApiTokenView(
        UUID id,
        String role,
        UUID tenantId,
        @Nullable String description,
        Instant createdAt,
        @Nullable UUID createdBy,
        @Nullable Instant revokedAt) {

    /** Returns the view of a stored token. */
    static ApiTokenView of(ApiToken token) {
        return new ApiTokenView(token.id(), token.role(), token.tenantId(), token.description(), token.createdAt(),
                token.createdBy(), token.revokedAt());
    }
}
