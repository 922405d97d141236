package io.sealift.control.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.data.exceptions.OptimisticLockException;
import io.sealift.control.agents.Agent;
import io.sealift.control.agents.AgentEndpointRepository;
import io.sealift.control.agents.AgentRepository;
import io.sealift.control.audit.AuditEvent;
import io.sealift.control.audit.AuditEventRepository;
import io.sealift.control.testing.ApiTestBase;
import io.sealift.control.testing.RestClient.Response;
import io.sealift.control.testing.StoredAgents;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jobs' REST contract (status codes, JSON, problems, roles, tenant isolation, audit) and the
 * job store's own guarantees (one assignment wins, stale writes lose). Runs on H2
 * ({@link JobApiH2Test}) and PostgreSQL ({@link JobApiPostgresTest}). No agent is connected, so
 * jobs stay queued.
 */
abstract class JobApiContract extends ApiTestBase {
    @Inject
    AgentRepository agents;
    @Inject
    AgentEndpointRepository endpoints;
    @Inject
    JobRepository jobs;
    @Inject
    JobReceiptRepository receipts;
    @Inject
    AuditEventRepository audit;
    @Inject
    JobSessionRepository sessions;
    @Inject
    SessionResultRepository results;
    @Inject
    SessionFileErrorRepository fileErrors;

    private UUID tenant;
    private String operator;
    private Agent source;
    private Agent target;

    @Override
    protected final Map<String, String> extraProperties() {
        Map<String, String> properties = new HashMap<>(databaseProperties());
        properties.put("sealift.jobs.sweep-interval", "1h");
        return properties;
    }

    /** The datasource properties of the store under test; none for the default H2. */
    protected Map<String, String> databaseProperties() {
        return Map.of();
    }

    @BeforeAll
    void createAgents() {
        tenant = createTenant("jobs");
        operator = mintToken(tenant, "operator");
        source = agent(tenant, List.of("hr-share", "both"), List.of("both"));
        target = agent(tenant, List.of(), List.of("landing"));
    }

    private Agent agent(UUID tenantId, List<String> sources, List<String> targets) {
        return StoredAgents.insert(agents, endpoints, tenantId, "agent", false, null, sources, targets);
    }

    private static String body(UUID sourceAgent, String sourceEndpoint, UUID targetAgent, String targetEndpoint) {
        return "{\"source\":{\"agent\":\"" + sourceAgent + "\",\"endpoint\":\"" + sourceEndpoint + "\"},"
                + "\"target\":{\"agent\":\"" + targetAgent + "\",\"endpoint\":\"" + targetEndpoint + "\"}}";
    }

    private String jobsPath(UUID tenantId) {
        return "api/v1/tenants/" + tenantId + "/jobs";
    }

    private Response create(String token, String json) {
        return rest().post(jobsPath(tenant), token, json);
    }

    private Map<String, Object> createJob() {
        Response created = create(operator, body(source.id(), "hr-share", target.id(), "landing"));
        assertEquals(201, created.status(), created::toString);
        return created.object();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static void assertProblem(Response response, int status, String field, String code) {
        assertEquals(status, response.status(), response::toString);
        assertEquals("application/problem+json", response.header("content-type").orElseThrow());
        Map<String, Object> problem = response.object();
        assertEquals(code, problem.get("code"), response::toString);
        List<Map<String, Object>> params = (List<Map<String, Object>>) (List<?>) problem.get("invalid-params");
        assertEquals(field, params.get(0).get("name"), response::toString);
        assertTrue(problem.get("detail").toString().startsWith(field + ": "), response::toString);
    }

    @Test
    void create_returns201_withTheQueuedJob() {
        Map<String, Object> job = createJob();

        assertEquals(Set.of("id", "state", "attempt", "attemptsWithoutProgress", "retryAt", "scope", "source", "target",
                "createdAt", "startedAt", "finishedAt", "progress", "receipts"), job.keySet(),
                "no error member while there is none");
        assertEquals("queued", job.get("state"));
        assertEquals(0, ((Number) job.get("attempt")).intValue());
        assertEquals(0, ((Number) job.get("attemptsWithoutProgress")).intValue());
        assertNull(job.get("retryAt"));
        assertEquals("all", job.get("scope"));
        assertEquals(Map.of("agent", source.id().toString(), "endpoint", "hr-share"), job.get("source"));
        assertEquals(Map.of("agent", target.id().toString(), "endpoint", "landing"), job.get("target"));
        assertNotNull(job.get("createdAt"));
        assertNull(job.get("startedAt"));
        assertNull(job.get("finishedAt"));
        Map<String, Object> progress = map(job.get("progress"));
        assertEquals(Set.of("bytesDone", "bytesTotal", "filesDone", "filesTotal", "filesFailed", "filesSkipped",
                "bytesPerSecond", "etaSeconds"), progress.keySet());
        assertNull(progress.get("etaSeconds"));
        assertEquals(List.of(), job.get("receipts"));

        List<AuditEvent> records = audit.findByActionOrderBySeq("job.create");
        AuditEvent record = records.get(records.size() - 1);
        assertEquals("job:" + job.get("id"), record.target());
        assertEquals(tenant, record.tenantId());
        assertTrue(record.actor().startsWith("token:"));
    }

    @Test
    void create_withAnUnknownForeignOrRevokedAgent_is400_namingTheField() {
        Agent foreign = agent(createTenant("other"), List.of("hr-share"), List.of("landing"));
        Agent revoked = agent(tenant, List.of("hr-share"), List.of("landing"));
        agents.revoke(revoked.id(), Instant.now());

        for (UUID agent : List.of(UUID.randomUUID(), foreign.id(), revoked.id())) {
            assertProblem(create(operator, body(agent, "hr-share", target.id(), "landing")), 400, "source.agent",
                    "AGENT_UNKNOWN");
            assertProblem(create(operator, body(source.id(), "hr-share", agent, "landing")), 400, "target.agent",
                    "AGENT_UNKNOWN");
        }
    }

    @Test
    void create_withAnEndpointTheAgentDidNotDeclare_orOfTheWrongKind_isEndpointUnknown() {
        assertProblem(create(operator, body(source.id(), "payroll", target.id(), "landing")), 400, "source.endpoint",
                "ENDPOINT_UNKNOWN");
        assertProblem(create(operator, body(source.id(), "hr-share", target.id(), "elsewhere")), 400,
                "target.endpoint", "ENDPOINT_UNKNOWN");
        assertProblem(create(operator, body(target.id(), "landing", target.id(), "landing")), 400, "source.endpoint",
                "ENDPOINT_UNKNOWN");
    }

    @Test
    void create_withTheSameAgentAndEndpointOnBothSides_is400() {
        assertProblem(create(operator, body(source.id(), "both", source.id(), "both")), 400, "target",
                "SAME_ENDPOINT");
    }

    @Test
    void create_withAMalformedBody_is400_namingTheField() {
        Response missing = create(operator, "{\"source\":{\"agent\":\"" + source.id() + "\",\"endpoint\":\"x\"}}");
        assertEquals(400, missing.status(), missing::toString);
        assertEquals("target: must not be null", missing.field("detail"));

        Response path = create(operator, body(source.id(), "../etc", target.id(), "landing"));
        assertEquals(400, path.status(), path::toString);
        assertEquals("source.endpoint: must match [a-z0-9][a-z0-9._-]{0,62}", path.field("detail"));

        Response notUuid = create(operator, "{\"source\":{\"agent\":\"nope\",\"endpoint\":\"hr-share\"},"
                + "\"target\":{\"agent\":\"" + target.id() + "\",\"endpoint\":\"landing\"}}");
        assertEquals(400, notUuid.status(), notUuid::toString);
    }

    @Test
    void auditors_read_butCannotCreateOrCancel() {
        String auditor = mintToken(tenant, "auditor");
        String id = createJob().get("id").toString();

        assertEquals(403, create(auditor, body(source.id(), "hr-share", target.id(), "landing")).status());
        assertEquals(403, rest().post(jobsPath(tenant) + "/" + id + "/cancel", auditor, "{}").status());
        assertEquals(200, rest().get(jobsPath(tenant) + "/" + id, auditor).status());
        assertEquals(200, rest().get(jobsPath(tenant), auditor).status());
        assertEquals(401, rest().get(jobsPath(tenant), null).status());
    }

    @Test
    void list_isNewestFirst_andHoldsOnlyTheTenantsJobs() {
        UUID other = createTenant("listing");
        Agent otherSource = agent(other, List.of("hr-share"), List.of());
        Agent otherTarget = agent(other, List.of(), List.of("landing"));
        assertEquals(201, rest().post(jobsPath(other), adminToken(),
                body(otherSource.id(), "hr-share", otherTarget.id(), "landing")).status());
        String older = createJob().get("id").toString();
        String newer = createJob().get("id").toString();

        List<String> ids = rest().get(jobsPath(tenant), operator).array().stream()
                .map(job -> job.get("id").toString()).toList();

        assertTrue(ids.indexOf(newer) < ids.indexOf(older), ids::toString);
        assertTrue(jobs.findByTenantIdOrderByCreatedAtDesc(other).stream()
                .noneMatch(job -> ids.contains(job.id().toString())));
    }

    @Test
    void anotherTenantsJob_isNotFound_likeAnUnknownOne() {
        UUID other = createTenant("isolated");
        Agent otherSource = agent(other, List.of("hr-share"), List.of());
        Agent otherTarget = agent(other, List.of(), List.of("landing"));
        String foreignJob = rest().post(jobsPath(other), adminToken(),
                body(otherSource.id(), "hr-share", otherTarget.id(), "landing")).field("id");

        assertEquals(404, rest().get(jobsPath(tenant) + "/" + foreignJob, operator).status());
        assertEquals(404, rest().post(jobsPath(tenant) + "/" + foreignJob + "/cancel", operator, "{}").status());
        assertEquals(404, rest().get(jobsPath(tenant) + "/" + UUID.randomUUID(), operator).status());
        assertEquals(404, rest().get(jobsPath(tenant) + "/not-a-uuid", operator).status());
        assertEquals(404, rest().get(jobsPath(other) + "/" + foreignJob, operator).status(), "other tenant's path");
    }

    @Test
    void cancel_returnsTheCancelledJob_andCancellingAgainIsAConflict() {
        String id = createJob().get("id").toString();

        Response cancelled = rest().post(jobsPath(tenant) + "/" + id + "/cancel", operator, null);
        assertEquals(200, cancelled.status(), cancelled::toString);
        assertEquals("cancelled", cancelled.field("state"));
        assertNotNull(cancelled.field("finishedAt"));

        Response again = rest().post(jobsPath(tenant) + "/" + id + "/cancel", operator, null);
        assertEquals(409, again.status(), again::toString);
        assertEquals("job " + id + " is already cancelled; only queued or running jobs can be cancelled",
                again.field("detail"));
        assertTrue(audit.findByActionOrderBySeq("job.cancel").stream()
                .anyMatch(record -> record.target().equals("job:" + id)));
    }

    @Test
    void assignment_isAConditionalUpdate_thatOnlyOneCallerWins() {
        UUID id = UUID.fromString(createJob().get("id").toString());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

        assertEquals(1, jobs.assign(id, now, UUID.randomUUID()));
        assertEquals(0, jobs.assign(id, now, UUID.randomUUID()));

        Job running = jobs.findById(id).orElseThrow();
        assertEquals("running", running.state());
        assertEquals(1, running.session());
        assertEquals(1, running.attempt());
        assertEquals(now, running.startedAt());
    }

    @Test
    void aWriteOfAStaleRead_losesToTheOptimisticLock() {
        UUID id = UUID.fromString(createJob().get("id").toString());
        Job read = jobs.findById(id).orElseThrow();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

        Job first = jobs.update(read.toBuilder().retryAt(now).build());
        assertEquals(read.version() + 1, first.version());
        assertThrows(OptimisticLockException.class, () -> jobs.update(read.toBuilder().retryAt(now).build()));
        assertEquals(now, jobs.findById(id).orElseThrow().retryAt());
    }

    @Test
    void receipts_areListedForTheJobsCurrentSessionOnly() {
        UUID id = UUID.fromString(createJob().get("id").toString());
        jobs.assign(id, Instant.now(), UUID.randomUUID());
        receipts.insert(id, 0, "target", target.id(), new byte[] {1}, new byte[] {2}, false, Instant.now());
        receipts.insert(id, 1, "target", target.id(), new byte[] {3}, new byte[] {4}, true, Instant.now());

        List<JobReceipt> current = receipts.findCurrentByTenant(tenant).stream()
                .filter(r -> r.id().jobId().equals(id)).toList();

        assertEquals(1, current.size());
        assertEquals(1, current.get(0).id().session());
        assertTrue(current.get(0).verified());
        assertEquals(1, receipts.findByJobAndSession(id, 0).size());
    }

    @Test
    void theSchedulersQueries_findJobsByStateAgentAndRetryTime() {
        Agent otherSource = agent(tenant, List.of("hr-share"), List.of());
        Response createdJob = create(operator, body(otherSource.id(), "hr-share", target.id(), "landing"));
        UUID ready = UUID.fromString(createdJob.field("id"));
        UUID backingOff = UUID.fromString(create(operator, body(otherSource.id(), "hr-share", target.id(), "landing"))
                .field("id"));
        UUID running = UUID.fromString(create(operator, body(otherSource.id(), "hr-share", target.id(), "landing"))
                .field("id"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        jobs.update(jobs.findById(backingOff).orElseThrow().toBuilder().retryAt(now.plusSeconds(60)).build());
        jobs.assign(running, now, UUID.randomUUID());

        List<UUID> assignable = jobs.findAssignable(now, 1000).stream().map(Job::id).toList();
        assertTrue(assignable.contains(ready));
        assertTrue(!assignable.contains(backingOff) && !assignable.contains(running), assignable::toString);
        assertTrue(jobs.findAssignable(now.plusSeconds(61), 1000).stream().anyMatch(j -> j.id().equals(backingOff)));
        assertEquals(List.of(ready), jobs.findAssignableOf(otherSource.id(), now).stream().map(Job::id).toList());
        assertEquals(List.of(running), jobs.findByAgentAndState(otherSource.id(), "running").stream()
                .map(Job::id).toList());
        assertTrue(jobs.findRunning(1000).stream().anyMatch(j -> j.id().equals(running)));
        assertEquals(0, jobs.assign(backingOff, now, UUID.randomUUID()), "not before its retry time");
    }

    @Test
    void retryFailed_ofAJobThatDidNotSucceedWithErrors_isAConflict_andNeedsAnOperator() {
        String id = createJob().get("id").toString();
        String path = jobsPath(tenant) + "/" + id + "/retry-failed";

        Response conflict = rest().post(path, operator, null);
        assertEquals(409, conflict.status(), conflict::toString);
        assertEquals("application/problem+json", conflict.header("content-type").orElseThrow());
        assertEquals("job " + id + " is queued; only a job that is succeeded_with_errors can retry its failed files",
                conflict.field("detail"));
        assertEquals(403, rest().post(path, mintToken(tenant, "auditor"), null).status());
        assertEquals(404, rest().post(jobsPath(tenant) + "/" + UUID.randomUUID() + "/retry-failed", operator, null)
                .status());
        UUID other = createTenant("retry");
        assertEquals(404, rest().post(jobsPath(other) + "/" + id + "/retry-failed", adminToken(), null).status(),
                "another tenant's path");
    }

    @Test
    void concurrentAssignments_ofOneJob_haveExactlyOneWinner() throws Exception {
        UUID id = UUID.fromString(createJob().get("id").toString());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return jobs.assign(id, now, UUID.randomUUID());
                }));
            }
            start.countDown();
            long won = 0;
            for (Future<Long> outcome : outcomes) {
                won += outcome.get(30, TimeUnit.SECONDS);
            }
            assertEquals(1, won);
        } finally {
            pool.shutdownNow();
        }
        Job running = jobs.findById(id).orElseThrow();
        assertEquals(1, running.session());
        assertEquals(1, running.attempt());
    }

    @Test
    void sessionsAndResults_areStored_andTheLatestSessionsResultsRead() {
        UUID id = UUID.fromString(createJob().get("id").toString());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        sessions.started(id, 1, 1, "all", now);
        assertEquals(1, sessions.ended(id, 1, now, JobSession.REQUEUED, "DISK_FULL", true));
        assertEquals(0, sessions.ended(id, 1, now, "failed", null, false), "an ended session stays as it ended");
        sessions.started(id, 2, 2, "failed_files", now);
        results.insert(id, 1, "target", target.id(), "JOB_OUTCOME_FAILED", "DISK_FULL", true, 5, 500, 0, 0, now);
        results.insert(id, 2, "target", target.id(), "JOB_OUTCOME_SUCCEEDED_WITH_ERRORS", "FILE_IO_ERROR", false, 9,
                900, 1, 0, now);
        results.insert(id, 2, "source", source.id(), "JOB_OUTCOME_SUCCEEDED", null, false, 10, 1000, 0, 0, now);
        fileErrors.insert(id, 2, "target", "FILE_IO_ERROR", 1);

        List<JobSession> history = sessions.findByJob(id);
        assertEquals(2, history.size());
        assertEquals(JobSession.REQUEUED, history.get(0).ending());
        assertEquals("DISK_FULL", history.get(0).errorCode());
        assertTrue(history.get(0).progressed());
        assertNull(history.get(1).endedAt());
        assertEquals("failed_files", history.get(1).scope());
        List<SessionResult> latest = results.findLatest(id);
        assertEquals(List.of("source", "target"), latest.stream().map(r -> r.id().role()).toList());
        assertEquals(List.of(2L, 2L), latest.stream().map(r -> r.id().session()).toList());
        assertEquals(900, latest.get(1).bytesDone());
        assertEquals(List.of(new SessionFileError(new SessionFileError.Key(id, 2, "target", "FILE_IO_ERROR"), 1)),
                fileErrors.findBySession(id, 2));
    }

    @Test
    void theReport_ofAJobNeverRun_hasZeroCounts_noAgents_noHistory_andTheNoteOnFileNames() {
        String id = createJob().get("id").toString();

        Response response = rest().get(jobsPath(tenant) + "/" + id + "/report", mintToken(tenant, "auditor"));

        assertEquals(200, response.status(), response::toString);
        assertTrue(response.header("content-type").orElseThrow().startsWith("application/json"));
        Map<String, Object> report = response.object();
        assertEquals(id, report.get("jobId"));
        assertEquals("queued", report.get("state"));
        assertEquals(Map.of("total", 0, "transferred", 0, "skipped", 0, "failed", 0), report.get("files"));
        assertEquals(List.of(), report.get("agents"));
        assertEquals(List.of(), report.get("history"));
        assertEquals(List.of(), report.get("failures"));
        assertNull(report.get("error"));
        assertTrue(report.get("note").toString().contains("never file names"), report::toString);
    }

    @Test
    void theReport_takesEachCodesLargerCount_showsEachAgentsOwn_andTheHistory_onBothStores() {
        UUID id = UUID.fromString(createJob().get("id").toString());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        jobs.assign(id, now, UUID.randomUUID());
        Job running = jobs.findById(id).orElseThrow();
        jobs.update(running.toBuilder().state(JobState.SUCCEEDED_WITH_ERRORS).counters(9000, 10_000, 197, 200)
                .fileCounts(3, 0).error(JobError.FILE_IO_ERROR).finishedAt(now).build());
        sessions.started(id, 1, 1, "all", now);
        sessions.ended(id, 1, now, "succeeded_with_errors", "FILE_IO_ERROR", true);
        results.insert(id, 1, "source", source.id(), "JOB_OUTCOME_SUCCEEDED_WITH_ERRORS", "FILE_VANISHED", false,
                199, 9500, 1, 0, now);
        results.insert(id, 1, "target", target.id(), "JOB_OUTCOME_SUCCEEDED_WITH_ERRORS", "FILE_IO_ERROR", false,
                197, 9000, 3, 0, now);
        fileErrors.insert(id, 1, "source", "FILE_VANISHED", 1);
        fileErrors.insert(id, 1, "target", "FILE_IO_ERROR", 2);
        fileErrors.insert(id, 1, "target", "FILE_VANISHED", 1);
        String path = jobsPath(tenant) + "/" + id + "/report";

        Map<String, Object> report = rest().get(path, operator).object();

        assertEquals("succeeded_with_errors", report.get("state"));
        assertEquals(Map.of("total", 200, "transferred", 197, "skipped", 0, "failed", 3), report.get("files"));
        assertEquals(Map.of("total", 10_000, "transferred", 9000), report.get("bytes"));
        assertEquals(List.of(
                Map.of("code", "FILE_IO_ERROR", "message", JobError.FILE_IO_ERROR.message(), "files", 2),
                Map.of("code", "FILE_VANISHED", "message", JobError.FILE_VANISHED.message(), "files", 1)),
                report.get("failures"));
        assertEquals(Map.of("code", "FILE_IO_ERROR", "message", JobError.FILE_IO_ERROR.message()), report.get("error"));
        List<?> agentParts = (List<?>) report.get("agents");
        Map<String, Object> sourcePart = map(agentParts.get(0));
        assertEquals("source", sourcePart.get("role"));
        assertEquals(source.id().toString(), sourcePart.get("agent"));
        assertEquals("succeeded_with_errors", sourcePart.get("outcome"));
        assertEquals(199, sourcePart.get("filesTransferred"));
        assertEquals(1, sourcePart.get("filesFailed"));
        assertEquals(9500, sourcePart.get("bytesTransferred"));
        assertEquals(2, ((List<?>) map(agentParts.get(1)).get("failures")).size());
        Map<String, Object> session = map(((List<?>) report.get("history")).get(0));
        assertEquals(1, session.get("session"));
        assertEquals("succeeded_with_errors", session.get("ending"));
        assertEquals(true, session.get("progressed"));
        assertEquals(1, report.get("attempts"));
        assertEquals(1, report.get("sessions"));

        Response csv = rest().get(path + "?format=csv", operator);
        assertEquals(200, csv.status(), csv::toString);
        assertTrue(csv.header("content-type").orElseThrow().startsWith("text/csv"));
        assertEquals("attachment; filename=\"job-" + id + "-report.csv\"",
                csv.header("content-disposition").orElseThrow());
        List<String> rows = csv.body().lines().toList();
        assertEquals("job,measure,role,agent,session,code,message,value", rows.get(0));
        assertTrue(rows.contains(id + ",files_transferred,,,,,,197"), csv::body);
        assertTrue(rows.contains(id + ",files_failed,,,,,,3"), csv::body);
        assertTrue(rows.contains(id + ",files_failed,,,,FILE_IO_ERROR," + JobError.FILE_IO_ERROR.message() + ",2"),
                csv::body);
        assertTrue(rows.contains(id + ",files_failed,source," + source.id() + ",1,FILE_VANISHED,"
                + JobError.FILE_VANISHED.message() + ",1"), csv::body);
        assertTrue(rows.contains(id + ",session,,,1,FILE_IO_ERROR," + JobError.FILE_IO_ERROR.message()
                + ",succeeded_with_errors"), csv::body);
        assertTrue(rows.get(rows.size() - 1).startsWith(id + ",note,"), csv::body);
        assertEquals(csv.body(), rest().send("GET", path, operator, null, null, Map.of("Accept", "text/csv")).body(),
                "Accept: text/csv selects CSV too");
    }

    @Test
    void theReport_ofAnotherTenantsJob_isNotFound_andAnUnknownFormatIs400() {
        String id = createJob().get("id").toString();
        UUID other = createTenant("report");

        assertEquals(404, rest().get(jobsPath(tenant) + "/" + UUID.randomUUID() + "/report", operator).status());
        assertEquals(404, rest().get(jobsPath(other) + "/" + id + "/report", adminToken()).status());
        assertEquals(401, rest().get(jobsPath(tenant) + "/" + id + "/report", null).status());
        Response xml = rest().get(jobsPath(tenant) + "/" + id + "/report?format=xml", operator);
        assertEquals(400, xml.status(), xml::toString);
        assertEquals("format: must be json or csv", xml.field("detail"));
    }
}
