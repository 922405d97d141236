package io.sealift.control.jobs;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;

/**
 * The transfer rate and ETA arithmetic: an exponentially smoothed rate over progress samples,
 * weighted by the time between them, so a burst or a stall moves it gradually. Stateless: the
 * previous sample lives in the job row, so any replica can take the next one.
 */
final class ProgressRate {
    /** The smoothing time constant: a sample's weight halves about every 7 s. */
    static final Duration TIME_CONSTANT = Duration.ofSeconds(10);

    private ProgressRate() {
    }

    /**
     * Returns the smoothed rate in bytes per second after a sample of {@code bytes} at {@code now}.
     *
     * @param previousRate the rate so far; 0 before the first sample
     * @param previousBytes the byte count of the previous sample
     * @param previousAt when the previous sample was taken, or null if there was none
     */
    static long next(long previousRate, long previousBytes, @Nullable Instant previousAt, long bytes, Instant now) {
        if (previousAt == null) {
            return previousRate;
        }
        double seconds = Duration.between(previousAt, now).toNanos() / 1e9;
        if (seconds <= 0) {
            return previousRate;
        }
        double sample = Math.max(0, bytes - previousBytes) / seconds;
        if (previousRate == 0) {
            return Math.round(sample);
        }
        double weight = 1 - Math.exp(-seconds / (TIME_CONSTANT.toNanos() / 1e9));
        return Math.max(0, Math.round(previousRate + weight * (sample - previousRate)));
    }

    /** Returns the seconds left at {@code rate}, rounded up, or null when unknown (no total or no rate). */
    @Nullable
    static Long etaSeconds(long bytesDone, long bytesTotal, long rate) {
        if (bytesTotal <= 0) {
            return null;
        }
        long left = Math.max(0, bytesTotal - bytesDone);
        if (left == 0) {
            return 0L;
        }
        return rate <= 0 ? null : (left + rate - 1) / rate;
    }

    /** Returns the whole percentage done, 0 when the total is unknown. */
    static int percent(long bytesDone, long bytesTotal) {
        return bytesTotal <= 0 ? 0 : (int) Math.min(100, bytesDone * 100 / bytesTotal);
    }
}
