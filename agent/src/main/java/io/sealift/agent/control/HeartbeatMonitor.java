package io.sealift.agent.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Heartbeat bookkeeping for one control stream: numbers heartbeats, records acknowledgements and
 * declares the stream dead when nothing was acknowledged for {@value #MISSED_INTERVALS} intervals.
 * Thread-safe.
 */
final class HeartbeatMonitor {
    /** How many intervals without an acknowledgement make a stream dead. */
    static final int MISSED_INTERVALS = 3;

    private final Clock clock;
    private final Duration deadAfter;
    private Instant lastAck;
    private long sent;
    private boolean acknowledged;

    /** Starts monitoring at the clock's current time, with heartbeats every {@code interval}. */
    HeartbeatMonitor(Clock clock, Duration interval) {
        this.clock = clock;
        this.deadAfter = interval.multipliedBy(MISSED_INTERVALS);
        this.lastAck = clock.instant();
    }

    /**
     * Called once per interval: returns the sequence of the heartbeat to send now, or empty if
     * the stream is dead.
     */
    synchronized OptionalLong tick() {
        if (Duration.between(lastAck, clock.instant()).compareTo(deadAfter) >= 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(++sent);
    }

    /** Records an acknowledgement of heartbeat {@code sequence}; unknown sequences are ignored. */
    synchronized void onAck(long sequence) {
        if (sequence >= 1 && sequence <= sent) {
            lastAck = clock.instant();
            acknowledged = true;
        }
    }

    /** Returns whether any heartbeat was acknowledged. */
    synchronized boolean acknowledgedAny() {
        return acknowledged;
    }
}
