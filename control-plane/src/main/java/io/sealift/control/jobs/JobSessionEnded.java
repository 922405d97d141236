package io.sealift.control.jobs;

import java.util.UUID;

/**
 * Published when a job's transfer session is over on the control plane's side (finished,
 * failed, cancelled or lost), so whatever still carries it, the relay pair above all, is torn
 * down.
 *
 * @param jobId the job
 * @param session the session that ended
 */
public record JobSessionEnded(UUID jobId, long session) {
}
