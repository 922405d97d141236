package io.sealift.agent.transfer.session;

import io.sealift.agent.transfer.format.FrameSizes;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * How sessions run. Immutable.
 *
 * @param frameSize plaintext bytes per frame the sender uses
 * @param idleTimeout how long a side waits for the peer's next message before giving up with
 *     {@code CONNECTION_LOST}; generous, since the sender walks the whole tree before its header
 *     and the receiver commits the whole tree before it answers the trailer
 * @param random the source of data keys
 */
public record SessionSettings(int frameSize, Duration idleTimeout, SecureRandom random) {
    /** Checks the values. */
    public SessionSettings {
        if (!FrameSizes.isValid(frameSize)) {
            throw new IllegalArgumentException("Invalid frame size " + frameSize + "; must be " + FrameSizes.MIN
                    + " to " + FrameSizes.MAX);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive, not " + idleTimeout);
        }
    }

    /** Returns the production settings: default frame size, one hour idle timeout. */
    public static SessionSettings defaults(SecureRandom random) {
        return new SessionSettings(FrameSizes.DEFAULT, Duration.ofHours(1), random);
    }
}
