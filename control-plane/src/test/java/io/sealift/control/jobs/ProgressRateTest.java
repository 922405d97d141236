package io.sealift.control.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sealift.control.testing.MutableClock;
import io.sealift.proto.v1.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProgressRateTest {
    private final MutableClock clock = new MutableClock();

    @Test
    void theFirstSample_isTheRate_andLaterOnesMoveItGradually() {
        Instant start = clock.instant();
        long first = ProgressRate.next(0, 0, start, 1_000_000, clock.advance(Duration.ofSeconds(1)));
        assertEquals(1_000_000, first);

        Instant previous = clock.instant();
        long stalled = ProgressRate.next(first, 1_000_000, previous, 1_000_000, clock.advance(Duration.ofSeconds(1)));
        // No bytes for 1 s: 1e6 * e^(-0.1).
        assertEquals(904_837, stalled);
    }

    @Test
    void samplesWithoutElapsedTime_orWithoutAPreviousSample_keepTheRate() {
        Instant now = clock.instant();
        assertEquals(500, ProgressRate.next(500, 0, now, 10_000, now));
        assertEquals(500, ProgressRate.next(500, 0, null, 10_000, now));
    }

    @Test
    void countersGoingBackwards_countAsNoProgress() {
        Instant start = clock.instant();
        assertEquals(0, ProgressRate.next(0, 5000, start, 1000, clock.advance(Duration.ofSeconds(1))));
    }

    @Test
    void eta_isTheBytesLeftAtTheRate_roundedUp_andUnknownWithoutTotalOrRate() {
        assertEquals(Long.valueOf(4), ProgressRate.etaSeconds(1000, 4500, 1000));
        assertEquals(Long.valueOf(0), ProgressRate.etaSeconds(4500, 4500, 0));
        assertNull(ProgressRate.etaSeconds(1000, 0, 1000), "total unknown");
        assertNull(ProgressRate.etaSeconds(1000, 4500, 0), "no rate yet");
    }

    @Test
    void everyAgentErrorCode_hasAJobErrorOfTheSameName_withFixedWording() {
        Arrays.stream(ErrorCode.values())
                .filter(code -> code != ErrorCode.ERROR_CODE_UNSPECIFIED && code != ErrorCode.UNRECOGNIZED)
                .forEach(code -> assertEquals(code.name(), JobError.fromProto(code).name()));
        assertEquals(JobError.INTERNAL, JobError.fromProto(ErrorCode.ERROR_CODE_UNSPECIFIED));
        assertEquals("A peer's key is not pinned in the agent's local configuration",
                JobError.UNTRUSTED_KEY.message());
    }
}
