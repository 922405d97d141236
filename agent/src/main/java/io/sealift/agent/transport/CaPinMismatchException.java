package io.sealift.agent.transport;

import io.sealift.agent.crypto.Fingerprint;
import java.util.Optional;

/**
 * Thrown when the control plane's CA is not the one whose fingerprint the config pins. Both
 * fingerprints are public and appear in the message.
 */
public final class CaPinMismatchException extends RuntimeException {
    private final Fingerprint pinned;
    private final Optional<Fingerprint> presented;

    /**
     * Creates the exception.
     *
     * @param pinned the fingerprint in the config
     * @param presented the fingerprint of the CA the control plane presented (or the agent has
     *     stored), empty if it presented no certificate at all
     * @param where what presented it, for example "the control plane" or a stored file
     */
    public CaPinMismatchException(Fingerprint pinned, Optional<Fingerprint> presented, String where) {
        super("control plane CA fingerprint does not match the pinned one: config pins " + pinned
                + ", " + where + " " + presented.map(f -> "has " + f).orElse("presented no certificate"));
        this.pinned = pinned;
        this.presented = presented;
    }

    /** Returns the pinned fingerprint. */
    public Fingerprint pinned() {
        return pinned;
    }

    /** Returns the fingerprint that was found instead, if any. */
    public Optional<Fingerprint> presented() {
        return presented;
    }
}
