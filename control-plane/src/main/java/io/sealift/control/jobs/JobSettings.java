package io.sealift.control.jobs;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The scheduler's settings, bound from {@code sealift.jobs.*}. Immutable; validated at startup.
 *
 * @param maxAttempts how many sessions in a row may fail without progress (the target placing
 *     nothing new) before a retryable failure fails the job for good
 * @param retryBackoff the base of the retry backoff: the wait after the first failure is between
 *     half of it and all of it, and the range doubles with every further failure in a row
 * @param maxBackoff the longest wait between two attempts
 * @param sweepInterval how often queued jobs are offered to connected agents again and running
 *     jobs are checked for agents that went offline
 */
@ConfigurationProperties("sealift.jobs")
public record JobSettings(
        @Min(1) @Max(100) @Bindable(defaultValue = "3") int maxAttempts,
        @NotNull @Bindable(defaultValue = "5s") Duration retryBackoff,
        @NotNull @Bindable(defaultValue = "10m") Duration maxBackoff,
        @NotNull @Bindable(defaultValue = "5s") Duration sweepInterval) {

    /**
     * Returns the longest wait after {@code failures} (from 1) failures in a row:
     * {@code retryBackoff × 2^(failures−1)}, at most {@code maxBackoff}.
     */
    public Duration backoffCeiling(int failures) {
        Duration wait = retryBackoff;
        for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
