package io.sealift.control.testing;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it. Also the application's clock in test classes
 * that set {@value #PROPERTY}{@code =true}, so rates and times are computed from instants the
 * test chose.
 */
@Singleton
@Replaces(Clock.class)
@Requires(property = MutableClock.PROPERTY, value = "true")
public class MutableClock extends Clock {
    /** The property that makes this the application's clock. */
    public static final String PROPERTY = "test.mutable-clock";

    private final AtomicReference<Instant> now;

    /** Starts at the current time, to the second. */
    public MutableClock() {
        this(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Starts at {@code start}. */
    public MutableClock(Instant start) {
        now = new AtomicReference<>(start);
    }

    /** Moves the clock forward by {@code step} and returns the new time. */
    public Instant advance(Duration step) {
        return now.updateAndGet(current -> current.plus(step));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
