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
 * @param journalInterval verified bytes the receiver takes between two journal checkpoints: after
 *     an interruption at most this much plus one segment, plus what was in flight, is sent again
 */
public record SessionSettings(int frameSize, Duration idleTimeout, SecureRandom random, long journalInterval) {
    /** The journal interval of production sessions: 4 MiB. */
    public static final long DEFAULT_JOURNAL_INTERVAL = 4L * 1024 * 1024;

    /** Checks the values. */
    public SessionSettings {
        if (!FrameSizes.isValid(frameSize)) {
            throw new IllegalArgumentException("Invalid frame size " + frameSize + "; must be " + FrameSizes.MIN
                    + " to " + FrameSizes.MAX);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive, not " + idleTimeout);
        }
        if (journalInterval < 1) {
            throw new IllegalArgumentException("journal interval must be at least 1 byte, not " + journalInterval);
        }
    }

    /** Returns settings with the default journal interval. */
    public SessionSettings(int frameSize, Duration idleTimeout, SecureRandom random) {
        this(frameSize, idleTimeout, random, DEFAULT_JOURNAL_INTERVAL);
    }

    /** Returns the production settings: default frame size, one hour idle timeout, 4 MiB journal interval. */
    public static SessionSettings defaults(SecureRandom random) {
        return new SessionSettings(FrameSizes.DEFAULT, Duration.ofHours(1), random);
    }
}
