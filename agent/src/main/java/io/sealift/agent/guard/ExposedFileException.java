package io.sealift.agent.guard;

/**
 * Thrown when a config or key file is open to users it must not be, for example
 * {@code config /etc/sealift/agent.yaml: readable by other users (mode 0644); run: chmod 640
 * /etc/sealift/agent.yaml}. The message names the file, its mode and the fix.
 */
public final class ExposedFileException extends RuntimeException {
    ExposedFileException(String message) {
        super(message);
    }
}
