package io.sealift.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sealift.agent.config.ReconnectPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
    /** Always draws the largest value allowed, and records the bounds it was asked for. */
    private static class HighestDraw implements RandomGenerator {
        final List<Long> bounds = new ArrayList<>();

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long nextLong(long bound) {
            bounds.add(bound);
            return bound - 1;
        }
    }

    private static List<Long> delays(Backoff backoff, int count) {
        List<Long> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            result.add(backoff.next().toMillis());
        }
        return result;
    }

    @Test
    void next_doublesFrom500MsToA10sCap_byDefault() {
        Backoff backoff = new Backoff(ReconnectPolicy.DEFAULT, new HighestDraw());

        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 10000L, 10000L, 10000L), delays(backoff, 8));
    }

    @Test
    void next_drawsUniformlyFromZeroToTheCeiling_fullJitter() {
        HighestDraw random = new HighestDraw();
        Backoff backoff = new Backoff(ReconnectPolicy.DEFAULT, random);
        delays(backoff, 3);
        assertEquals(List.of(501L, 1001L, 2001L), random.bounds, "bounds are exclusive: [0, ceiling]");

        Backoff lowest = new Backoff(ReconnectPolicy.DEFAULT, new HighestDraw() {
            @Override
            public long nextLong(long bound) {
                return 0;
            }
        });
        assertEquals(List.of(0L, 0L, 0L), delays(lowest, 3));
    }

    @Test
    void reset_startsTheScheduleOver() {
        Backoff backoff = new Backoff(ReconnectPolicy.DEFAULT, new HighestDraw());
        delays(backoff, 5);

        backoff.reset();

        assertEquals(List.of(500L, 1000L), delays(backoff, 2));
    }

    @Test
    void next_neverOverflows_afterManyAttempts() {
        Backoff backoff = new Backoff(new ReconnectPolicy(Duration.ofMillis(1), Duration.ofHours(1)), new HighestDraw());

        List<Long> all = delays(backoff, 200);

        assertEquals(Duration.ofHours(1).toMillis(), all.get(199));
        assertEquals(1L << 20, backoff.ceilingMillis(20));
        assertEquals(Duration.ofHours(1).toMillis(), backoff.ceilingMillis(Integer.MAX_VALUE));
    }
}
