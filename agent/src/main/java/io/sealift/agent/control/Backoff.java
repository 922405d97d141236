package io.sealift.agent.control;

import io.sealift.agent.config.ReconnectPolicy;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays with "full jitter" exponential backoff: attempt {@code n} (from 0) waits a
 * uniformly random time in {@code [0, min(max, initial * 2^n)]}. {@link #reset()} starts over
 * after a connection that stayed up.
 *
 * <p>Not thread-safe; the reconnect loop owns it. Randomness is injected so the schedule can be
 * tested exactly.
 */
public final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private int attempt;

    /** Creates a backoff following {@code policy}, drawing jitter from {@code random}. */
    public Backoff(ReconnectPolicy policy, RandomGenerator random) {
        this.initialMillis = policy.initialDelay().toMillis();
        this.maxMillis = policy.maxDelay().toMillis();
        this.random = random;
    }

    /** Returns the delay before the next attempt, and counts the attempt. */
    public Duration next() {
        long ceiling = ceilingMillis(attempt);
        if (ceiling < maxMillis) {
            attempt++;
        }
        return Duration.ofMillis(random.nextLong(ceiling + 1));
    }

    /** Returns the upper bound of the delay for attempt {@code n}, without overflow. */
    long ceilingMillis(int n) {
        long ceiling = initialMillis;
        for (int i = 0; i < n && ceiling < maxMillis; i++) {
            ceiling *= 2;
        }
        return Math.min(ceiling, maxMillis);
    }

    /** Starts the schedule over, after a connection that stayed up. */
    public void reset() {
        attempt = 0;
    }
}
