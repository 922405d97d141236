package io.sealift.agent.control;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits out a reconnect delay, returning early when {@code wake} opens (the agent is stopping).
 * Injected so tests can record delays instead of waiting.
 */
@FunctionalInterface
public interface Sleeper {
    /**
     * Waits up to {@code delay}.
     *
     * @return true if woken by {@code wake}, false if the delay passed
     */
    boolean sleep(Duration delay, CountDownLatch wake) throws InterruptedException;

    /** Returns the sleeper that really waits. */
    static Sleeper real() {
        return (delay, wake) -> wake.await(delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
