package io.sealift.control.grpc.enroll;

import io.grpc.Status;
import io.sealift.control.enrollment.EnrollmentToken;
import java.time.Instant;
import java.util.Optional;

/**
 * Why an enrollment token cannot be used. The descriptions are a contract: the agent prints them.
 */
enum TokenProblem {
    UNKNOWN("token_unknown", "enrollment token is unknown"),
    REVOKED("token_revoked", "enrollment token was revoked"),
    USED("token_used", "enrollment token was already used"),
    EXPIRED("token_expired", "enrollment token has expired");

    private final String reason;
    private final String description;

    TokenProblem(String reason, String description) {
        this.reason = reason;
        this.description = description;
    }

    /** Returns what keeps {@code token} from being used at {@code now}, if anything. */
    static Optional<TokenProblem> of(EnrollmentToken token, Instant now) {
        if (token.revokedAt() != null) {
            return Optional.of(REVOKED);
        }
        if (token.usedAt() != null) {
            return Optional.of(USED);
        }
        if (!token.expiresAt().isAfter(now)) {
            return Optional.of(EXPIRED);
        }
        return Optional.empty();
    }

    /** Returns the UNAUTHENTICATED refusal for this problem. */
    EnrollmentRefusal refusal() {
        return EnrollmentRefusal.of(Status.Code.UNAUTHENTICATED, reason, description);
    }
}
