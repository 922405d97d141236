package io.sealift.control.enrollment;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * The answer to creating an enrollment token: the only time its value is ever shown.
 *
 * @param id the token's id
 * @param token the token's value; {@link #toString()} hides it
 * @param expiresAt when it stops being accepted
 */
@Serdeable
public record IssuedEnrollmentTokenView(UUID id, String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedEnrollmentTokenView[id=" + id + ", token=redacted, expiresAt=" + expiresAt + "]";
    }
}
