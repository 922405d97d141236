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
    UNTRUSTED_KEY("A peer's key is not pinned in the agent's local configuration"),
    /** Mirrors {@link ErrorCode#TAMPERED}. */
    TAMPERED("Transferred data failed authentication: it was altered, reordered, replayed or truncated"),
    /** Mirrors {@link ErrorCode#DISK_FULL}. */
    DISK_FULL("The target ran out of disk space"),
    /** Mirrors {@link ErrorCode#ENDPOINT_UNKNOWN}. */
    ENDPOINT_UNKNOWN("The job names an endpoint the agent's local configuration does not declare"),
    /** Mirrors {@link ErrorCode#TARGET_NOT_EMPTY}. */
    TARGET_NOT_EMPTY("The target endpoint is not empty"),
    /** Mirrors {@link ErrorCode#PERMISSION_DENIED}. */
    PERMISSION_DENIED("The operating system refused the agent access to a declared endpoint"),
    /** Mirrors {@link ErrorCode#SOURCE_CHANGED}. */
    SOURCE_CHANGED("A source file changed while it was being sent"),
    /** Mirrors {@link ErrorCode#AGENT_OFFLINE}; also recorded by the control plane when an agent disconnects. */
    AGENT_OFFLINE("An agent of the job is not connected to the control plane"),
    /** Mirrors {@link ErrorCode#CONNECTION_LOST}. */
    CONNECTION_LOST("The connection between the agents or to the relay was lost"),
    /** Mirrors {@link ErrorCode#INTERNAL}; also used for a code this version does not know. */
    INTERNAL("An agent hit an unexpected internal error; its local log has the details"),
    /** Mirrors {@link ErrorCode#FILE_VANISHED}: a per-file error. */
    FILE_VANISHED("A source file disappeared before it could be read"),
    /** Mirrors {@link ErrorCode#FILE_IO_ERROR}: a per-file error. */
    FILE_IO_ERROR("The operating system reported an I/O error on a file");

    private final String message;

    JobError(String message) {
        this.message = message;
    }

    /** Returns the fixed wording shown for this code. */
    public String message() {
        return message;
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
