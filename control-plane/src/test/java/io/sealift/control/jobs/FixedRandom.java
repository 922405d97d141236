package io.sealift.control.jobs;

import java.util.random.RandomGenerator;

/** A random source whose {@link #nextDouble()} is always the same value, for exact jitter in tests. */
final class FixedRandom implements RandomGenerator {
    private final double value;

    /** Returns {@code value} (in [0, 1)) from every {@link #nextDouble()}. */
    FixedRandom(double value) {
        this.value = value;
    }

    @Override
    public double nextDouble() {
        return value;
    }

    @Override
    public long nextLong() {
        return (long) (value * Long.MAX_VALUE);
    }
}
