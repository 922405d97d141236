package io.sealift.control.audit;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.sealift.control.config.ClockFactory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when a test moves it, replacing the system clock in contexts that set
 * {@code sealift.test.manual-clock}. Each reading advances it by one microsecond, so records
 * still get distinct, increasing times.
 */
final class ManualClock extends Clock {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

    /** Moves the clock forward. */
    void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }

    @Override
    public Instant instant() {
        return now.getAndUpdate(t -> t.plusNanos(1_000));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the manual clock is UTC only");
    }

    /** Provides the manual clock in place of the system clock. */
    @Factory
    @Requires(property = "sealift.test.manual-clock", value = "true")
    static class ManualClockFactory {
        @Singleton
        @Replaces(factory = ClockFactory.class, bean = Clock.class)
        ManualClock clock() {
            return new ManualClock();
        }
    }
}
