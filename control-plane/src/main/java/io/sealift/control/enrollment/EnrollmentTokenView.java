package io.sealift.control.enrollment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * An enrollment token as listed: never its value, never its hash.
 *
 * @param id the token's id
 * @param createdAt when it was created
 * @param expiresAt when it stops (or stopped) being accepted
 * @param state {@code active}, {@code used}, {@code expired} or {@code revoked}
 * @param usedBy the agent that enrolled with it, or {@code null}
 */
@Serdeable
public record EnrollmentTokenView(UUID id, Instant createdAt, Instant expiresAt, String state,
        @Nullable UUID usedBy) {

    /** Returns the view of a stored token as of {@code now}. */
    static EnrollmentTokenView of(EnrollmentToken token, Instant now) {
        return new EnrollmentTokenView(token.id(), token.createdAt(), token.expiresAt(), stateOf(token, now),
                token.usedBy());
    }

    /** Returns a token's state: used wins over revoked, which wins over expired. */
    static String stateOf(EnrollmentToken token, Instant now) {
        if (token.usedAt() != null) {
            return "used";
        }
        if (token.revokedAt() != null) {
            return "revoked";
        }
        return now.isBefore(token.expiresAt()) ? "active" : "expired";
    }
}
