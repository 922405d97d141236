package io.sealift.control.jobs;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Decides what a failed transfer session means for its job: another attempt after a jittered,
 * exponentially growing wait, or the end.
 *
 * <ul>
 *   <li>Whether to retry at all is the error's {@link JobError.Retry} class: permanent errors never
 *       retry, transient ones always, the rest as the agent's {@code retryable} flag says.
 *   <li>Attempts are counted in a row without progress: a session in which the target placed
 *       something new does not count against {@code sealift.jobs.max-attempts}, and sets the count
 *       back to zero, so a long migration over a flaky link keeps going while it moves forward, and
 *       a job that keeps failing without moving stops. {@code DISK_FULL} never counts: the job waits
 *       for space, until it succeeds or is cancelled.
 *   <li>The wait after the n-th failure in a row is drawn uniformly from [c/2, c), where
 *       c = {@code retry-backoff} × 2^(n−1), at most {@code max-backoff} ("equal jitter"): agents
 *       that failed together do not come back together, and the wait still grows.
 * </ul>
 *
 * <p>Thread-safe if its random source is (the production one is a {@link SecureRandom}).
 */
@Singleton
public class RetryPolicy {
    private final JobSettings settings;
    private final RandomGenerator random;

    /** Creates the policy with the configured limits and the application's random source. */
    @Inject
    public RetryPolicy(JobSettings settings, SecureRandom random) {
        this(settings, (RandomGenerator) random);
    }

    /** Creates the policy with a random source of the caller's choice, e.g. a fixed one in tests. */
    RetryPolicy(JobSettings settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    /** Returns the configured limit of attempts in a row without progress. */
    int maxAttempts() {
        return settings.maxAttempts();
    }

    /**
     * Returns what follows a session of {@code job} that failed with {@code error}; the job still
     * holds that session's counters and whether it made progress.
     */
    Decision afterFailure(Job job, JobError error, boolean reportedRetryable) {
        JobError.Retry kind = error.retry();
        if (!kind.retries(reportedRetryable)) {
            return Decision.giveUp(job);
        }
        boolean progressed = job.sessionProgressed();
        int failures = progressed ? 1 : job.failuresInRow() + 1;
        int stalled = progressed ? 0 : job.stalledAttempts() + (kind == JobError.Retry.WAIT ? 0 : 1);
        if (kind != JobError.Retry.WAIT && stalled >= settings.maxAttempts()) {
            return new Decision(false, Duration.ZERO, stalled, failures);
        }
        return new Decision(true, backoff(failures), stalled, failures);
    }

    /** Returns the wait after {@code failures} (from 1) failures in a row, with equal jitter. */
    Duration backoff(int failures) {
        long ceiling = settings.backoffCeiling(failures).toMillis();
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.nextDouble() * (ceiling - half)));
    }

    /**
     * What follows a failed session.
     *
     * @param retry whether the job is queued again (else it fails)
     * @param delay how long it waits before it may be assigned again; zero when it fails
     * @param stalledAttempts the job's new count of attempts in a row without progress
     * @param failuresInRow the job's new count of failures in a row since the last progress
     */
    record Decision(boolean retry, Duration delay, int stalledAttempts, int failuresInRow) {

        static Decision giveUp(Job job) {
            return new Decision(false, Duration.ZERO, job.stalledAttempts(), job.failuresInRow());
        }
    }
}
