package io.sealift.agent.state;

/**
 * Thrown when the state directory or a file in it cannot be read, written or decrypted. The
 * message names the path and never holds key material.
 */
public class StateException extends RuntimeException {
    /** Creates the exception with a one-line message. */
    public StateException(String message) {
        super(message);
    }

    /** Creates the exception with a one-line message and the underlying cause. */
    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
