package io.sealift.agent.transfer.report;

import java.time.Instant;

/**
 * The first line of a task report: which job and side, the session that wrote it, and the
 * counts over its entries. Immutable.
 *
 * @param role "source" or "target"
 * @param scope "all" or "failed_files": the scope of the session that wrote it
 */
public record ReportSummary(String jobId, String role, long session, String scope, Instant updatedAt,
        long transferred, long skipped, long failed) {
}
