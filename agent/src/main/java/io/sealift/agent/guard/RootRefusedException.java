package io.sealift.agent.guard;

/** Thrown when {@code run --service} would run as root without {@code --allow-root}. */
public final class RootRefusedException extends RuntimeException {
    RootRefusedException(String message) {
        super(message);
    }
}
