package io.sealift.control.jobs.report;

import io.micronaut.core.annotation.Nullable;
import io.sealift.control.api.ProblemException;
import io.sealift.control.auth.Caller;
import io.sealift.control.auth.Role;
import io.sealift.control.jobs.Job;
import io.sealift.control.jobs.JobError;
import io.sealift.control.jobs.JobRepository;
import io.sealift.control.jobs.JobSession;
import io.sealift.control.jobs.JobSessionRepository;
import io.sealift.control.jobs.JobView;
import io.sealift.control.jobs.SessionFileError;
import io.sealift.control.jobs.SessionFileErrorRepository;
import io.sealift.control.jobs.SessionResult;
import io.sealift.control.jobs.SessionResultRepository;
import io.sealift.control.tenants.TenantScope;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Builds a job's task report from what the store holds: the job's counters, the agents' results
 * of the latest session that has any, and the session history.
 *
 * <p>The job's failed files by code take, for each code, the larger of the two agents' counts: a
 * file that failed on one side is often counted by both (the source could not read it, so the
 * target did not get it), and the larger count never counts one file twice. Each agent's own
 * numbers are in {@link JobReport#agents()}. Thread-safe; auditors and up, tenant-scoped.
 */
@Singleton
public class JobReports {
    private static final String OUTCOME_PREFIX = "JOB_OUTCOME_";

    private final JobRepository jobs;
    private final JobSessionRepository sessions;
    private final SessionResultRepository results;
    private final SessionFileErrorRepository fileErrors;
    private final TenantScope scope;

    /** Creates the report builder. */
    public JobReports(JobRepository jobs, JobSessionRepository sessions, SessionResultRepository results,
            SessionFileErrorRepository fileErrors, TenantScope scope) {
        this.jobs = jobs;
        this.sessions = sessions;
        this.results = results;
        this.fileErrors = fileErrors;
        this.scope = scope;
    }

    /** Returns the report of one of a tenant's jobs; 404 if it is not the tenant's. */
    public JobReport report(Caller caller, UUID tenantId, UUID jobId) {
        scope.require(caller, tenantId, Role.AUDITOR);
        Job job = jobs.findByIdAndTenantId(jobId, tenantId)
                .orElseThrow(() -> ProblemException.notFound("job " + jobId));
        List<SessionResult> latest = results.findLatest(jobId);
        Map<String, List<SessionFileError>> errorsByRole = latest.isEmpty() ? Map.of()
                : fileErrors.findBySession(jobId, latest.get(0).id().session()).stream()
                        .collect(Collectors.groupingBy(e -> e.id().role()));
        List<JobReport.AgentPart> agents = latest.stream()
                .map(result -> agentPart(result, errorsByRole.getOrDefault(result.id().role(), List.of()))).toList();
        return new JobReport(job.id(), job.state(), job.scope(),
                new JobView.Endpoint(job.sourceAgentId(), job.sourceEndpoint()),
                new JobView.Endpoint(job.targetAgentId(), job.targetEndpoint()), job.createdAt(), job.finishedAt(),
                job.attempt(), job.session(), job.stalledAttempts(),
                new JobReport.Files(job.filesTotal(), job.filesDone(), job.filesSkipped(), job.filesFailed()),
                new JobReport.Bytes(job.bytesTotal(), job.bytesDone()), largerPerCode(agents),
                job.error().map(JobReports::error).orElse(null), agents,
                sessions.findByJob(jobId).stream().map(JobReports::session).toList(), JobReport.NOTE);
    }

    private static JobReport.AgentPart agentPart(SessionResult result, List<SessionFileError> errors) {
        List<JobReport.Failure> failures = sorted(errors.stream()
                .collect(Collectors.toMap(e -> e.id().code(), SessionFileError::files, Long::sum, TreeMap::new)));
        return new JobReport.AgentPart(result.id().role(), result.agentId(), result.id().session(),
                outcome(result.outcome()), errorOf(result.errorCode()), result.filesDone(), result.filesSkipped(),
                result.filesFailed(), result.bytesDone(), failures);
    }

    private static List<JobReport.Failure> largerPerCode(List<JobReport.AgentPart> agents) {
        Map<String, Long> byCode = new TreeMap<>();
        agents.forEach(agent -> agent.failures().forEach(f -> byCode.merge(f.code(), f.files(), Math::max)));
        return sorted(byCode);
    }

    private static List<JobReport.Failure> sorted(Map<String, Long> byCode) {
        return byCode.entrySet().stream()
                .map(e -> new JobReport.Failure(e.getKey(), message(e.getKey()), e.getValue()))
                .sorted(Comparator.comparingLong(JobReport.Failure::files).reversed()
                        .thenComparing(JobReport.Failure::code))
                .toList();
    }

    private static JobReport.Session session(JobSession stored) {
        return new JobReport.Session(stored.id().session(), stored.attempt(), stored.scope(), stored.startedAt(),
                stored.endedAt(), stored.ending(), errorOf(stored.errorCode()), stored.progressed());
    }

    /** {@code JOB_OUTCOME_SUCCEEDED_WITH_ERRORS} → {@code succeeded_with_errors}. */
    private static String outcome(String stored) {
        String name = stored.startsWith(OUTCOME_PREFIX) ? stored.substring(OUTCOME_PREFIX.length()) : stored;
        return name.toLowerCase(Locale.ROOT);
    }

    @Nullable
    private static JobView.Error errorOf(@Nullable String code) {
        return code == null ? null : JobError.parse(code).map(JobReports::error).orElse(null);
    }

    private static JobView.Error error(JobError error) {
        return new JobView.Error(error.name(), error.message());
    }

    private static String message(String code) {
        return JobError.parse(code).orElse(JobError.INTERNAL).message();
    }
}
