package io.sealift.agent.config;

import java.time.Duration;

/**
 * How the agent spaces reconnect attempts to the control plane: full-jitter exponential backoff
 * starting at {@code initialDelay} and doubling up to {@code maxDelay}. Immutable.
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay) {
    /** The default policy: 500 ms doubling to a 10 s cap. */
    public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(Duration.ofMillis(500), Duration.ofSeconds(10));

    /**
     * Validates the delays.
     *
     * @throws IllegalArgumentException if a delay is not positive or the cap is below the start
     */
    public ReconnectPolicy {
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("initial delay must be positive");
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("max delay must not be less than the initial delay");
        }
    }
}
