package io.sealift.control.relay;

import io.grpc.Status;
import io.grpc.StatusException;
import io.micronaut.core.annotation.Nullable;
import io.sealift.control.grpc.auth.AuthenticatedAgent;
import io.sealift.control.jobs.Job;
import io.sealift.control.jobs.JobRepository;
import io.sealift.control.jobs.JobRole;
import io.sealift.control.jobs.JobState;
import io.sealift.proto.v1.RelayOpen;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Decides whether a relay stream may join a job's session: the caller (from its certificate)
 * must be the job's source or target agent, the job must be running, and the stream must name
 * the job's current session. Thread-safe.
 */
@Singleton
class RelayAdmission {
    private final JobRepository jobs;

    RelayAdmission(JobRepository jobs) {
        this.jobs = jobs;
    }

    /**
     * Returns the session and the caller's role in it.
     *
     * @throws StatusException INVALID_ARGUMENT for a job id that is not a UUID; NOT_FOUND for an
     *     unknown job or another tenant's; PERMISSION_DENIED if the caller is neither side;
     *     FAILED_PRECONDITION if the job is not running or the session is not its current one
     */
    Admitted admit(AuthenticatedAgent caller, RelayOpen open) throws StatusException {
        UUID jobId = parse(open.getJobId());
        Job job = jobs.findById(jobId).filter(found -> found.tenantId().equals(caller.tenantId()))
                .orElseThrow(() -> Status.NOT_FOUND.withDescription("job " + jobId + " not found").asException());
        boolean source = caller.agentId().equals(job.sourceAgentId());
        boolean target = caller.agentId().equals(job.targetAgentId());
        if (!source && !target) {
            throw Status.PERMISSION_DENIED.withDescription("agent " + caller.agentId()
                    + " is neither the source nor the target of job " + jobId).asException();
        }
        if (job.jobState() != JobState.RUNNING) {
            throw Status.FAILED_PRECONDITION.withDescription("job " + jobId + " is " + job.state() + ", not running")
                    .asException();
        }
        if (open.getSession() != job.session()) {
            throw Status.FAILED_PRECONDITION.withDescription("session " + open.getSession()
                    + " is not the current session of job " + jobId).asException();
        }
        return new Admitted(new SessionKey(jobId, job.session()), source && target ? null
                : source ? JobRole.SOURCE : JobRole.TARGET);
    }

    private static UUID parse(String jobId) throws StatusException {
        try {
            return UUID.fromString(jobId);
        } catch (IllegalArgumentException e) {
            throw Status.INVALID_ARGUMENT.withDescription("open.job_id must be a job id (a UUID)").asException();
        }
    }

    /**
     * A stream let into a session.
     *
     * @param session the job and session
     * @param role the caller's role, or null when it is both source and target of the job (then
     *     its first stream is taken as the source)
     */
    record Admitted(SessionKey session, @Nullable JobRole role) {
    }
}
