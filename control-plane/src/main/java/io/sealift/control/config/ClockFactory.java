package io.sealift.control.config;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;

/** Provides the time and randomness sources, so tests can replace them. */
@Factory
public class ClockFactory {

    /** The UTC system clock. */
    @Singleton
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** The platform's strong random source. */
    @Singleton
    public SecureRandom secureRandom() {
        return new SecureRandom();
    }
}
