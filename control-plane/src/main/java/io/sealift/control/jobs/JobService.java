package io.sealift.control.jobs;

import io.sealift.control.agents.Agent;
import io.sealift.control.agents.AgentEndpointRepository;
import io.sealift.control.agents.AgentRepository;
import io.sealift.control.api.ProblemException;
import io.sealift.control.auth.Caller;
import io.sealift.control.auth.Role;
import io.sealift.control.tenants.TenantScope;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Creates, lists, shows, cancels and retries the failed files of a tenant's jobs on behalf of
 * REST callers.
 *
 * <p>Thread-safe. Operators and up create, cancel and retry; auditors and up read. A job may only name
 * agents of the tenant that are not revoked, and endpoint names those agents declared in their
 * last Hello, of the right kind.
 */
@Singleton
public class JobService {
    /** Problem code: the agent is unknown, another tenant's, or revoked. */
    static final String AGENT_UNKNOWN = "AGENT_UNKNOWN";
    /** Problem code: the agent declared no endpoint of that name and kind. */
    static final String ENDPOINT_UNKNOWN = "ENDPOINT_UNKNOWN";
    /** Problem code: source and target are the same endpoint of the same agent. */
    static final String SAME_ENDPOINT = "SAME_ENDPOINT";

    private final JobRepository jobs;
    private final JobReceiptRepository receipts;
    private final AgentRepository agents;
    private final AgentEndpointRepository endpoints;
    private final JobScheduler scheduler;
    private final JobLifecycle lifecycle;
    private final TenantScope scope;
    private final JobAudit audit;
    private final Clock clock;

    /** Creates the service. */
    public JobService(JobRepository jobs, JobReceiptRepository receipts, AgentRepository agents,
            AgentEndpointRepository endpoints, JobScheduler scheduler, JobLifecycle lifecycle, TenantScope scope,
            JobAudit audit, Clock clock) {
        this.jobs = jobs;
        this.receipts = receipts;
        this.agents = agents;
        this.endpoints = endpoints;
        this.scheduler = scheduler;
        this.lifecycle = lifecycle;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates a queued job and assigns it at once if both agents are connected. */
    public JobView create(Caller caller, UUID tenantId, CreateJobRequest request) {
        scope.require(caller, tenantId, Role.OPERATOR);
        requireEndpoint(tenantId, "source", request.source());
        requireEndpoint(tenantId, "target", request.target());
        if (request.source().equals(request.target())) {
            throw ProblemException.invalidField("target", "must not be the same agent and endpoint as source",
                    SAME_ENDPOINT);
        }
        Job job = jobs.save(Job.queued(UUID.randomUUID(), tenantId, request.source().agent(),
                request.source().endpoint(), request.target().agent(), request.target().endpoint(),
                clock.instant().truncatedTo(ChronoUnit.MICROS), caller.tokenId()));
        audit.record(job, caller.actor(), "job.create", "success", caller.correlationId(), Map.of(
                "source-agent", job.sourceAgentId().toString(), "target-agent", job.targetAgentId().toString()));
        return view(scheduler.tryAssign(job));
    }

    /** Lists a tenant's jobs, newest first. */
    public List<JobView> list(Caller caller, UUID tenantId) {
        scope.require(caller, tenantId, Role.AUDITOR);
        Map<UUID, List<JobReceipt>> current = receipts.findCurrentByTenant(tenantId).stream()
                .collect(Collectors.groupingBy(r -> r.id().jobId()));
        return jobs.findByTenantIdOrderByCreatedAtDesc(tenantId).stream()
                .map(job -> JobView.of(job, current.getOrDefault(job.id(), List.of())))
                .toList();
    }

    /** Returns one of a tenant's jobs; 404 if it is not the tenant's. */
    public JobView get(Caller caller, UUID tenantId, UUID jobId) {
        scope.require(caller, tenantId, Role.AUDITOR);
        return view(find(tenantId, jobId));
    }

    /** Cancels a queued or running job; 409 if it already reached a final state. */
    public JobView cancel(Caller caller, UUID tenantId, UUID jobId) {
        scope.require(caller, tenantId, Role.OPERATOR);
        find(tenantId, jobId);
        Job cancelled = lifecycle.cancel(jobId, caller.actor(), caller.correlationId())
                .orElseThrow(() -> ProblemException.conflict("job " + jobId + " is already "
                        + find(tenantId, jobId).state() + "; only queued or running jobs can be cancelled"));
        return view(cancelled);
    }

    /**
     * "Retry failed files": queues a job that succeeded with errors again, to transfer only the
     * files that failed, and assigns it at once if both agents are connected; 409 unless the job is
     * {@code succeeded_with_errors}.
     */
    public JobView retryFailed(Caller caller, UUID tenantId, UUID jobId) {
        scope.require(caller, tenantId, Role.OPERATOR);
        find(tenantId, jobId);
        Job queued = lifecycle.retryFailedFiles(jobId, caller.actor(), caller.correlationId())
                .orElseThrow(() -> ProblemException.conflict("job " + jobId + " is " + find(tenantId, jobId).state()
                        + "; only a job that is succeeded_with_errors can retry its failed files"));
        return view(scheduler.tryAssign(queued));
    }

    private void requireEndpoint(UUID tenantId, String side, CreateJobRequest.EndpointRef ref) {
        Agent agent = agents.findByIdAndTenantId(ref.agent(), tenantId)
                .filter(found -> found.revokedAt() == null)
                .orElseThrow(() -> ProblemException.invalidField(side + ".agent",
                        "agent " + ref.agent() + " is not an enrolled, unrevoked agent of this tenant", AGENT_UNKNOWN));
        boolean declared = endpoints.findByAgentId(agent.id()).stream()
                .anyMatch(e -> e.id().kind().equals(side) && e.id().name().equals(ref.endpoint()));
        if (!declared) {
            throw ProblemException.invalidField(side + ".endpoint", "agent " + agent.id()
                    + " declares no " + side + " endpoint named '" + ref.endpoint() + "'", ENDPOINT_UNKNOWN);
        }
    }

    private Job find(UUID tenantId, UUID jobId) {
        return jobs.findByIdAndTenantId(jobId, tenantId).orElseThrow(() -> ProblemException.notFound("job " + jobId));
    }

    private JobView view(Job job) {
        return JobView.of(job, receipts.findByJobAndSession(job.id(), job.session()));
    }
}
