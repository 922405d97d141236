package io.sealift.agent.transfer.jobs;

import com.google.protobuf.InvalidProtocolBufferException;
import io.sealift.agent.transfer.TransferException;
import io.sealift.agent.transfer.session.SessionOutcome;
import io.sealift.agent.transfer.session.TransferProgress;
import io.sealift.proto.v1.AgentMessage;
import io.sealift.proto.v1.ErrorCode;
import io.sealift.proto.v1.JobAssignment;
import io.sealift.proto.v1.JobOutcome;
import io.sealift.proto.v1.JobProgress;
import io.sealift.proto.v1.JobResult;
import io.sealift.proto.v1.Receipt;
import io.sealift.proto.v1.SignedReceipt;

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

    static AgentMessage succeeded(JobAssignment job, SessionOutcome outcome) {
        return wrap(result(job, JobOutcome.JOB_OUTCOME_SUCCEEDED)
                .setFilesDone(outcome.files())
                .setBytesDone(outcome.bytes())
                .setReceipt(outcome.receipt()));
    }

    /** Returns the result of a session that completed earlier, from its journaled receipt. */
    static AgentMessage succeededBefore(JobAssignment job, SignedReceipt receipt) throws InvalidProtocolBufferException {
        Receipt parsed = Receipt.parseFrom(receipt.getReceipt());
        return wrap(result(job, JobOutcome.JOB_OUTCOME_SUCCEEDED)
                .setFilesDone(parsed.getFiles())
                .setBytesDone(parsed.getBytes())
                .setReceipt(receipt));
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
