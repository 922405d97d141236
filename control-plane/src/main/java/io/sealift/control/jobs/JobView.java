package io.sealift.control.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A job as the REST API shows it. Metadata only: endpoint names, counters, codes, receipts.
 *
 * @param id the job's id
 * @param state a {@link JobState} wire name
 * @param attempt assignments so far (0 until first assigned)
 * @param attemptsWithoutProgress sessions in a row that failed without the target placing
 *     anything new; the job fails when a failure brings it to {@code sealift.jobs.max-attempts}
 * @param retryAt when a job queued for a retry may be assigned again, or null
 * @param scope what its sessions transfer: {@code all} or {@code failed_files}
 * @param source the source agent and endpoint name
 * @param target the target agent and endpoint name
 * @param createdAt when it was created
 * @param startedAt when the current attempt was assigned, or null
 * @param finishedAt when it reached a final state, or null
 * @param progress the current session's counters, rate and ETA
 * @param error the last error, present only when there is one
 * @param receipts the agents' signed receipts for the current session
 */
@Serdeable
public record JobView(
        UUID id,
        String state,
        int attempt,
        int attemptsWithoutProgress,
        @Nullable Instant retryAt,
        String scope,
        Endpoint source,
        Endpoint target,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        Progress progress,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Error error,
        List<ReceiptView> receipts) {

    /** Copies the receipts. */
    public JobView {
        receipts = List.copyOf(receipts);
    }

    /** Returns the view of {@code job} with {@code receipts} of its current session. */
    static JobView of(Job job, List<JobReceipt> receipts) {
        boolean running = job.jobState() == JobState.RUNNING;
        Progress progress = new Progress(job.bytesDone(), job.bytesTotal(), job.filesDone(), job.filesTotal(),
                job.filesFailed(), job.filesSkipped(), job.bytesPerSecond(),
                running ? ProgressRate.etaSeconds(job.bytesDone(), job.bytesTotal(), job.bytesPerSecond()) : null);
        return new JobView(job.id(), job.state(), job.attempt(), job.stalledAttempts(), job.retryAt(), job.scope(),
                new Endpoint(job.sourceAgentId(), job.sourceEndpoint()),
                new Endpoint(job.targetAgentId(), job.targetEndpoint()), job.createdAt(), job.startedAt(),
                job.finishedAt(), progress, job.error().map(e -> new Error(e.name(), e.message())).orElse(null),
                receipts.stream().map(ReceiptView::of).toList());
    }

    /**
     * One side of a job.
     *
     * @param agent the agent's id
     * @param endpoint the endpoint's name in that agent's config
     */
    @Serdeable
    public record Endpoint(UUID agent, String endpoint) {
    }

    /**
     * A job's progress, over the whole job (a resumed session counts what earlier ones placed).
     *
     * @param bytesDone bytes the target verified and wrote (before it first reports: bytes the
     *     relay forwarded in this session)
     * @param bytesTotal bytes in total, 0 while unknown
     * @param filesDone files the target verified and placed
     * @param filesTotal files in total, 0 while unknown
     * @param filesFailed files the latest session that reported results could not transfer
     * @param filesSkipped files that session skipped as out of its scope
     * @param bytesPerSecond the smoothed rate
     * @param etaSeconds the seconds left at that rate, or null when unknown or not running
     */
    @Serdeable
    public record Progress(long bytesDone, long bytesTotal, long filesDone, long filesTotal, long filesFailed,
            long filesSkipped, long bytesPerSecond, @Nullable Long etaSeconds) {
    }

    /**
     * A job error: a code from the closed list and its fixed wording.
     *
     * @param code a {@link JobError} name
     * @param message its fixed wording
     */
    @Serdeable
    public record Error(String code, String message) {
    }
}
