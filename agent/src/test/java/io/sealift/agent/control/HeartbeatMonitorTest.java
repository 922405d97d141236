package io.sealift.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.agent.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HeartbeatMonitorTest {
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final HeartbeatMonitor monitor = new HeartbeatMonitor(clock, INTERVAL);

    private OptionalLong tickAfterAnInterval() {
        clock.advance(INTERVAL);
        return monitor.tick();
    }

    @Test
    void tick_numbersHeartbeatsFromOne() {
        assertEquals(OptionalLong.of(1), tickAfterAnInterval());
        assertEquals(OptionalLong.of(2), tickAfterAnInterval());
    }

    @Test
    void stream_withoutAcknowledgementForThreeIntervals_isDead() {
        assertEquals(OptionalLong.of(1), tickAfterAnInterval());
        assertEquals(OptionalLong.of(2), tickAfterAnInterval());
        assertEquals(OptionalLong.empty(), tickAfterAnInterval());
        assertFalse(monitor.acknowledgedAny());
    }

    @Test
    void acknowledgements_keepTheStreamAlive() {
        for (int i = 1; i <= 10; i++) {
            OptionalLong sequence = tickAfterAnInterval();
            assertEquals(OptionalLong.of(i), sequence);
            monitor.onAck(sequence.getAsLong());
        }
        assertTrue(monitor.acknowledgedAny());
    }

    @Test
    void acknowledgementOfAHeartbeatNeverSent_isIgnored() {
        tickAfterAnInterval();
        monitor.onAck(99);
        monitor.onAck(0);
        tickAfterAnInterval();

        assertEquals(OptionalLong.empty(), tickAfterAnInterval());
        assertFalse(monitor.acknowledgedAny());
    }

    @Test
    void interval_fromWelcome_defaultsTo5sAndIsCapped() {
        assertEquals(Duration.ofSeconds(5), GrpcControlSession.interval(0));
        assertEquals(Duration.ofSeconds(5), GrpcControlSession.interval(-3));
        assertEquals(Duration.ofSeconds(1), GrpcControlSession.interval(1));
        assertEquals(Duration.ofSeconds(300), GrpcControlSession.interval(86_400));
    }
}
