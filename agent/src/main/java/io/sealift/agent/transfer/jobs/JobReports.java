package io.sealift.agent.transfer.jobs;

import com.google.protobuf.InvalidProtocolBufferException;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.session.FileResults;
import io.sealift.agent.transfer.session.SessionOutcome;
import io.sealift.agent.transfer.session.TransferProgress;
import io.sealift.proto.v1.AgentMessage;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.FileErrorCount;
import io.sealift.proto.v1.JobAssignment;
import io.sealift.proto.v1.JobOutcome;
import io.sealift.proto.v1.JobProgress;
import io.sealift.proto.v1.JobResult;
import io.sealift.proto.v1.Receipt;
import io.sealift.proto.v1.SignedReceipt;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/** Builds the {@code JobProgress} and {@code JobResult} messages of a job: counts and codes, never text. Stateless. */
final class JobReports {
    private JobReports() {
    }

    static AgentMessage progress(JobAssignment job, TransferProgress.Snapshot counters) {
        return AgentMessage.newBuilder().setProgress(JobProgress.newBuilder()
                .setJobId(job.getJobId())
                .setSession(job.getSession())
                .setBytesDone(counters.bytesDone())
                .setBytesTotal(counters.bytesTotal())
                .setFilesDone(counters.filesDone())
                .setFilesTotal(counters.filesTotal())).build();
    }

    /**
     * Returns the result of a session that ended well: {@code SUCCEEDED}, or
     * {@code SUCCEEDED_WITH_ERRORS} with the most frequent per-file code when a file failed.
     * Done counts are the job's files in place; failed and skipped counts are this session's.
     */
    static AgentMessage succeeded(JobAssignment job, SessionOutcome outcome) {
        FileResults results = outcome.results();
        return ended(job, outcome.receipt(), outcome.files(), outcome.bytes(), results.filesSkipped(),
                results.errorCounts());
    }

    /**
     * Returns the result of a session that completed earlier: the result stored when it ended,
     * else (state written before results were stored) one made from its journaled receipt.
     */
    static AgentMessage succeededBefore(JobAssignment job, SignedReceipt receipt, Optional<JobResult> stored)
            throws InvalidProtocolBufferException {
        if (stored.isPresent()) {
            return wrap(stored.get().toBuilder());
        }
        Receipt parsed = Receipt.parseFrom(receipt.getReceipt());
        return ended(job, receipt, parsed.getFiles(), parsed.getBytes(), 0, Map.of());
    }

    private static AgentMessage ended(JobAssignment job, SignedReceipt receipt, long files, long bytes, long skipped,
            Map<ErrorCode, Long> failures) {
        long failed = failures.values().stream().mapToLong(Long::longValue).sum();
        JobResult.Builder result = result(job, failed > 0 ? JobOutcome.JOB_OUTCOME_SUCCEEDED_WITH_ERRORS
                : JobOutcome.JOB_OUTCOME_SUCCEEDED)
                .setFilesDone(files)
                .setBytesDone(bytes)
                .setFilesFailed(failed)
                .setFilesSkipped(skipped)
                .setReceipt(receipt);
        failures.forEach((code, count) -> result.addFileErrors(FileErrorCount.newBuilder().setCode(code).setFiles(count)));
        mostFrequent(failures).ifPresent(result::setError);
        return wrap(result);
    }

    /** Returns the code most files failed with; of a tie, the lowest-numbered. */
    static Optional<ErrorCode> mostFrequent(Map<ErrorCode, Long> failures) {
        return failures.entrySet().stream()
                .max(Comparator.<Map.Entry<ErrorCode, Long>>comparingLong(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey);
    }

    static AgentMessage failed(JobAssignment job, TransferException failure, TransferProgress.Snapshot counters) {
        return failed(job, failure.code(), failure.retryable(), counters);
    }

    static AgentMessage failed(JobAssignment job, ErrorCode code, boolean retryable, TransferProgress.Snapshot counters) {
        return wrap(result(job, JobOutcome.JOB_OUTCOME_FAILED)
                .setError(code)
                .setRetryable(retryable)
                .setFilesDone(counters.filesDone())
                .setBytesDone(counters.bytesDone()));
    }

    static AgentMessage cancelled(JobAssignment job, TransferProgress.Snapshot counters) {
        return wrap(result(job, JobOutcome.JOB_OUTCOME_CANCELLED)
                .setFilesDone(counters.filesDone())
                .setBytesDone(counters.bytesDone()));
    }

    private static JobResult.Builder result(JobAssignment job, JobOutcome outcome) {
        return JobResult.newBuilder().setJobId(job.getJobId()).setSession(job.getSession()).setOutcome(outcome);
    }

    private static AgentMessage wrap(JobResult.Builder result) {
        return AgentMessage.newBuilder().setResult(result).build();
    }
}
