package io.sealift.control.jobs;

import io.sealift.proto.v1.ErrorCode;
import java.util.Arrays;
import java.util.Optional;

/**
 * The closed list of job errors, each with fixed wording. Agents report only the code
 * ({@code sealift.v1.ErrorCode}); the words are ours, so no path or file name an exception
 * message might carry can reach the control plane.
 */
public enum JobError {
    /** Mirrors {@link ErrorCode#UNTRUSTED_KEY}. */
    UNTRUSTED_KEY(Retry.NEVER, "A peer's key is not pinned in the agent's local configuration"),
    /** Mirrors {@link ErrorCode#TAMPERED}. */
    TAMPERED(Retry.NEVER, "Transferred data failed authentication: it was altered, reordered, replayed or truncated"),
    /** Mirrors {@link ErrorCode#DISK_FULL}. */
    DISK_FULL(Retry.WAIT, "The target ran out of disk space"),
    /** Mirrors {@link ErrorCode#ENDPOINT_UNKNOWN}. */
    ENDPOINT_UNKNOWN(Retry.NEVER, "The job names an endpoint the agent's local configuration does not declare"),
    /** Mirrors {@link ErrorCode#TARGET_NOT_EMPTY}. */
    TARGET_NOT_EMPTY(Retry.NEVER, "The target endpoint is not empty"),
    /** Mirrors {@link ErrorCode#PERMISSION_DENIED}. */
    PERMISSION_DENIED(Retry.NEVER, "The operating system refused the agent access to a declared endpoint"),
    /** Mirrors {@link ErrorCode#SOURCE_CHANGED}. */
    SOURCE_CHANGED(Retry.AS_REPORTED, "A source file changed while it was being sent"),
    /** Mirrors {@link ErrorCode#AGENT_OFFLINE}; also recorded by the control plane when an agent disconnects. */
    AGENT_OFFLINE(Retry.ALWAYS, "An agent of the job is not connected to the control plane"),
    /** Mirrors {@link ErrorCode#CONNECTION_LOST}. */
    CONNECTION_LOST(Retry.ALWAYS, "The connection between the agents or to the relay was lost"),
    /** Mirrors {@link ErrorCode#INTERNAL}; also used for a code this version does not know. */
    INTERNAL(Retry.AS_REPORTED, "An agent hit an unexpected internal error; its local log has the details"),
    /** Mirrors {@link ErrorCode#FILE_VANISHED}: a per-file error. */
    FILE_VANISHED(Retry.AS_REPORTED, "A source file disappeared before it could be read"),
    /** Mirrors {@link ErrorCode#FILE_IO_ERROR}: a per-file error. */
    FILE_IO_ERROR(Retry.AS_REPORTED, "The operating system reported an I/O error on a file");

    private final Retry retry;
    private final String message;

    JobError(Retry retry, String message) {
        this.retry = retry;
        this.message = message;
    }

    /** Returns whether a session that failed with this error is tried again. */
    public Retry retry() {
        return retry;
    }

    /** Returns the fixed wording shown for this code. */
    public String message() {
        return message;
    }

    /**
     * Whether a session that failed with an error is tried again. The control plane decides for
     * the errors whose nature is known, whatever the agent's {@code retryable} flag says, so each
     * code behaves the same from every agent version.
     */
    public enum Retry {
        /** Permanent: the job fails at once (tampering, an untrusted key, a refused endpoint). */
        NEVER,
        /** Transient: tried again with backoff, up to {@code sealift.jobs.max-attempts} without progress. */
        ALWAYS,
        /** The job waits: tried again with backoff until it succeeds or is cancelled; never uses up attempts. */
        WAIT,
        /** As the agent's {@code retryable} flag says; retries then count like {@link #ALWAYS}. */
        AS_REPORTED;

        /** Returns whether a failure of this kind is tried again, given the agent's flag. */
        public boolean retries(boolean reportedRetryable) {
            return this == ALWAYS || this == WAIT || (this == AS_REPORTED && reportedRetryable);
        }
    }

    /** Maps an agent's code; unset or unknown codes become {@link #INTERNAL}. */
    public static JobError fromProto(ErrorCode code) {
        return parse(code.name()).orElse(INTERNAL);
    }

    /** Returns the error with this name, as stored. */
    public static Optional<JobError> parse(String name) {
        return Arrays.stream(values()).filter(e -> e.name().equals(name)).findFirst();
    }
}
