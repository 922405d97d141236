package io.sealift.control.tokens;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * The answer to creating an API token: the only time its value is ever shown.
 *
 * @param id the token's id
 * @param token the token's value; {@link #toString()} hides it
 * @param role the token's role
 * @param tenantId its tenant
 * @param createdAt when it was created
 */
@Serdeable
public record IssuedApiTokenView(UUID id, String token, String role, UUID tenantId, Instant createdAt) {

    /** Returns the view of a minted token, revealing its value to the caller who asked for it. */
    static IssuedApiTokenView of(MintedApiToken minted) {
        ApiToken stored = minted.stored();
        return new IssuedApiTokenView(stored.id(), minted.secret().revealOnce(), stored.role(), stored.tenantId(),
                stored.createdAt());
    }

    @Override
    public String toString() {
        return "IssuedApiTokenView[id=" + id + ", token=redacted, role=" + role + ", tenantId=" + tenantId + "]";
    }
}
