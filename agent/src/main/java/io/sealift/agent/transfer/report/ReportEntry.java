package io.sealift.agent.transfer.report;

import io.sealift.proto.v1.ErrorCode;
import java.util.Objects;
import java.util.Optional;

/**
 * One file's line of a task report. Immutable.
 *
 * @param path the file's path relative to the endpoint root
 * @param status what became of it
 * @param error the per-file code, only when it failed
 * @param size its size in bytes
 * @param session the session that last decided its status
 */
public record ReportEntry(String path, Status status, Optional<ErrorCode> error, long size, long session) {
    /** What became of a file, over the whole job. */
    public enum Status {
        /** In place at the target, sent by this or an earlier session of the job. */
        TRANSFERRED("transferred"),
        /** Outside the scope of the sessions that ran ("retry failed files" only), never sent. */
        SKIPPED("skipped"),
        /** The last session that tried it could not transfer it; {@code error} says why. */
        FAILED("failed");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** Returns the word reports use: transferred, skipped or failed. */
        public String label() {
            return label;
        }

        /**
         * Returns the status named {@code label}.
         *
         * @throws IllegalArgumentException if there is none
         */
        public static Status of(String label) {
            for (Status status : values()) {
                if (status.label.equals(label)) {
                    return status;
                }
            }
            throw new IllegalArgumentException("Invalid report status '" + label + "'; only transferred, skipped"
                    + " and failed exist");
        }
    }

    /** Checks that only failed entries carry an error. */
    public ReportEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(status, "status");
        if (error.isPresent() != (status == Status.FAILED)) {
            throw new IllegalArgumentException("a " + status.label() + " entry " + (error.isPresent() ? "cannot" : "must")
                    + " have an error code");
        }
    }
}
