package io.sealift.control.jobs.report;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.sealift.control.jobs.JobView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A job's task report as the REST API shows it: what was transferred, skipped and failed, and
 * why, in counts and error codes. No file names: the control plane never has them; each agent
 * lists them in its own local report ({@link #NOTE}).
 *
 * @param jobId the job
 * @param state a job state wire name
 * @param scope what its sessions transfer: {@code all} or {@code failed_files}
 * @param source the source agent and endpoint name
 * @param target the target agent and endpoint name
 * @param createdAt when the job was created
 * @param finishedAt when it reached a final state, or null
 * @param attempts assignments so far
 * @param sessions transfer sessions so far (one per assignment)
 * @param attemptsWithoutProgress sessions in a row that failed without the target placing anything new
 * @param files the job's file counts
 * @param bytes the job's byte counts
 * @param failures the failed files by per-file error code, most first
 * @param error the job's last error, or null
 * @param agents each agent's own counts, from its result in the latest session that has results
 * @param history every session: how it ended and why
 * @param note where the names behind the counts are
 */
@Serdeable
public record JobReport(
        UUID jobId,
        String state,
        String scope,
        JobView.Endpoint source,
        JobView.Endpoint target,
        Instant createdAt,
        @Nullable Instant finishedAt,
        int attempts,
        long sessions,
        int attemptsWithoutProgress,
        Files files,
        Bytes bytes,
        List<Failure> failures,
        @Nullable JobView.Error error,
        List<AgentPart> agents,
        List<Session> history,
        String note) {

    /** The report's {@code note}. */
    public static final String NOTE = "The control plane holds counts and error codes only, never file names."
            + " Each agent lists the files behind these counts, with their names and errors, in its local report:"
            + " sealift-agent report <job id>.";

    /** Copies the lists. */
    public JobReport {
        failures = List.copyOf(failures);
        agents = List.copyOf(agents);
        history = List.copyOf(history);
    }

    /**
     * A job's file counts.
     *
     * @param total files in the source tree, 0 while unknown
     * @param transferred files the target verified and placed, over the whole job
     * @param skipped files the latest session with results left out as outside its scope (after
     *     "retry failed files": every file that had not failed, so these were transferred before)
     * @param failed files the latest session with results could not transfer
     */
    @Serdeable
    public record Files(long total, long transferred, long skipped, long failed) {
    }

    /**
     * A job's byte counts.
     *
     * @param total bytes in the source tree, 0 while unknown
     * @param transferred bytes the target verified and placed, over the whole job
     */
    @Serdeable
    public record Bytes(long total, long transferred) {
    }

    /**
     * Files that failed with one per-file error code.
     *
     * @param code an error code of the closed list
     * @param message its fixed wording
     * @param files how many files
     */
    @Serdeable
    public record Failure(String code, String message, long files) {
    }

    /**
     * One agent's result, as it reported it.
     *
     * @param role {@code source} or {@code target}
     * @param agent the agent's id
     * @param session the session the result ends
     * @param outcome {@code succeeded}, {@code succeeded_with_errors}, {@code failed} or {@code cancelled}
     * @param error the code it reported, or null
     * @param filesTransferred files it sent (source) or verified and placed (target), over the whole job
     * @param filesSkipped files it left out as outside the session's scope
     * @param filesFailed files it could not transfer
     * @param bytesTransferred bytes it sent or verified and placed, over the whole job
     * @param failures its failed files by code
     */
    @Serdeable
    public record AgentPart(String role, UUID agent, long session, String outcome, @Nullable JobView.Error error,
            long filesTransferred, long filesSkipped, long filesFailed, long bytesTransferred,
            List<Failure> failures) {

        /** Copies the failures. */
        public AgentPart {
            failures = List.copyOf(failures);
        }
    }

    /**
     * One transfer session.
     *
     * @param session its number
     * @param attempt the attempt it was
     * @param scope {@code all} or {@code failed_files}
     * @param startedAt when it was assigned
     * @param endedAt when it ended, or null while it runs
     * @param ending {@code requeued} (a retry followed) or the job's final state; null while it runs
     * @param error the job's error when it ended, or null
     * @param progressed whether the target placed something new in it (then it did not count
     *     against the attempt limit)
     */
    @Serdeable
    public record Session(long session, int attempt, String scope, Instant startedAt, @Nullable Instant endedAt,
            @Nullable String ending, @Nullable JobView.Error error, boolean progressed) {
    }
}
