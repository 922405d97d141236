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
 * @param maxAttempts how many times a job is assigned before a retryable failure fails it for good
 * @param retryBackoff the wait before the second attempt; it doubles with every further attempt
 *     (at most {@link #MAX_BACKOFF})
 * @param sweepInterval how often queued jobs are offered to connected agents again and running
 *     jobs are checked for agents that went offline
 */
@ConfigurationProperties("sealift.jobs")
public record JobSettings(
        @Min(1) @Max(100) @Bindable(defaultValue = "3") int maxAttempts,
        @NotNull @Bindable(defaultValue = "5s") Duration retryBackoff,
        @NotNull @Bindable(defaultValue = "5s") Duration sweepInterval) {

    /** The longest wait between two attempts. */
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    /** Returns the wait after attempt {@code attempt} (from 1) failed. */
    public Duration backoffAfter(int attempt) {
        Duration wait = retryBackoff;
        for (int i = 1; i < attempt && wait.compareTo(MAX_BACKOFF) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }
}
