package io.sealift.control.jobs;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a job is in its life. {@link #QUEUED} and {@link #RUNNING} are live; the rest are final.
 * A job waiting for an agent or backing off before a retry is {@code queued}.
 */
public enum JobState {
    /** Waiting until both agents are connected (and any retry backoff has passed). */
    QUEUED("queued"),
    /** Assigned to both agents; a transfer session is under way. */
    RUNNING("running"),
    /** Both agents finished the session and the target verified everything. */
    SUCCEEDED("succeeded"),
    /** Finished, but some files failed (used once per-file errors exist). */
    SUCCEEDED_WITH_ERRORS("succeeded_with_errors"),
    /** Gave up: a non-retryable error, or the last attempt failed. */
    FAILED("failed"),
    /** Cancelled through the API. */
    CANCELLED("cancelled");

    private final String wireName;

    JobState(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the name used in JSON and in the database, e.g. {@code succeeded_with_errors}. */
    public String wireName() {
        return wireName;
    }

    /** Returns whether the job can no longer change. */
    public boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }

    /** Returns the state with this wire name. */
    public static Optional<JobState> parse(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(wireName)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
