package io.sealift.agent.enroll;

/**
 * Thrown when the control plane refuses the enrollment token (gRPC {@code UNAUTHENTICATED}):
 * unknown, expired, already used or revoked. The message carries the control plane's
 * description, for example {@code enrollment refused: enrollment token has expired}.
 */
public final class EnrollmentRefusedException extends EnrollmentException {
    /** Creates the exception from the control plane's (cleaned) description. */
    public EnrollmentRefusedException(String description) {
        super("enrollment refused: " + (description.isEmpty() ? "the control plane did not accept the token" : description));
    }
}
