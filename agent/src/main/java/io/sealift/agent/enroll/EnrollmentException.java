package io.sealift.agent.enroll;

/**
 * Thrown when enrollment fails for a reason other than a refused token: the control plane is
 * unreachable, rejected the request, or answered with something the agent cannot accept.
 */
public class EnrollmentException extends RuntimeException {
    /** Creates the exception with a one-line message that holds no secret. */
    public EnrollmentException(String message) {
        super(message);
    }

    /** Creates the exception with a one-line message and the underlying cause. */
    public EnrollmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
