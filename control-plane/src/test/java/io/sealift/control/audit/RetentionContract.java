package io.sealift.control.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sealift.audit.format.Chains;
import io.sealift.audit.verify.PinnedCheckpoint;
import io.sealift.audit.verify.Verdict;
import io.sealift.control.agents.AgentEndpointRepository;
import io.sealift.control.agents.AgentRepository;
import io.sealift.control.retention.RetentionSweep;
import io.sealift.control.tenants.Tenant;
import io.sealift.control.tenants.TenantRepository;
import io.sealift.control.testing.StoredAgents;
import io.sealift.control.testing.TempDataDir;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Retention: purging audit records past their time (the cut is checkpointed first, the purge is
 * recorded, every export afterwards still verifies from the cut) and finished jobs past theirs.
 * Runs on H2 ({@link RetentionH2Test}) and PostgreSQL ({@link RetentionPostgresTest}).
 */
abstract class RetentionContract extends TempDataDir {
    @Inject
    AuditLog log;
    @Inject
    AuditPurge purge;
    @Inject
    AuditExports exports;
    @Inject
    AuditKey key;
    @Inject
    AuditEventRepository events;
    @Inject
    ManualClock clock;
    @Inject
    RetentionSweep sweep;
    @Inject
    TenantRepository tenants;
    @Inject
    AgentRepository agents;
    @Inject
    AgentEndpointRepository endpoints;

    /** The datasource properties of the store under test; the same map on every call. */
    protected abstract Map<String, String> datasource();

    @Override
    protected final Map<String, String> extraProperties() {
        Map<String, String> properties = new HashMap<>(datasource());
        properties.put("sealift.test.manual-clock", "true");
        properties.put("sealift.audit.checkpoint-every-records", "4");
        properties.put("sealift.audit.checkpoint-interval", "1000d");
        properties.put("sealift.audit.retention", "30d");
        properties.put("sealift.retention.jobs", "90d");
        properties.put("sealift.retention.sweep-interval", "1000d");
        return properties;
    }

    @Test
    void auditPurge_checkpointsTheCutFirst_isRecorded_andLaterExportsStillVerifyFromTheCut() {
        UUID acme = UUID.randomUUID();
        for (int i = 0; i < 9; i++) {
            append(i % 2 == 0 ? acme : null, "old-" + i);
        }
        clock.advance(Duration.ofDays(31));
        AuditEvent firstKept = append(acme, "kept-0");
        append(null, "kept-1");
        AuditEvent lastAcme = append(acme, "kept-2");
        byte[] before = export(Chains.scopeOf(acme));
        long firstBefore = events.firstSeq();

        RetentionSweep.Swept swept = sweep.sweep();

        assertEquals(firstKept.seq() - firstBefore, swept.auditRecords());
        assertEquals(firstKept.seq(), events.firstSeq(), "everything appended before the cutoff is gone");
        AuditEvent recorded = last(events.findByActionOrderBySeq(AuditPurge.ACTION));
        assertTrue(recorded.details().contains("\"through-seq\":\"" + (firstKept.seq() - 1) + "\""), recorded::details);
        Verdict.Valid global = ExportChecks.assertValid(exports, key, Chains.GLOBAL);
        assertEquals(firstKept.seq() - 1, global.anchorSeq(), "the global export starts at the cut");
        Verdict tenant = ExportChecks.verify(export(Chains.scopeOf(acme)), key,
                Optional.of(new PinnedCheckpoint(lastAcme.chainSeq(), lastAcme.hash())));
        assertTrue(tenant.valid(), tenant::report);
        assertEquals(firstKept.chainSeq() - 1, ((Verdict.Valid) tenant).anchorSeq(), "the tenant's export too");
        assertTrue(ExportChecks.verify(before, key, Optional.empty()).valid(), "an export made before still verifies");
    }

    @Test
    void auditPurge_withNothingOldEnough_changesNothing() {
        append(null, "fresh");
        long head = events.maxSeq();

        AuditPurge.Result result = purge.purgeBefore(events.findById(events.firstSeq()).orElseThrow().occurredAt());

        assertEquals(0, result.records());
        assertEquals(head, events.maxSeq(), "not even a purge record");
    }

    @Test
    void jobRetention_deletesOnlyFinishedJobsPastTheirTime_withTheirReceiptsAndSessions_andIsAudited()
            throws SQLException {
        UUID tenant = tenants.save(new Tenant(UUID.randomUUID(), "jobs-" + UUID.randomUUID().toString().substring(0, 8),
                clock.instant())).id();
        UUID source = StoredAgents.insert(agents, endpoints, tenant, "src", false, null, List.of(), List.of()).id();
        UUID target = StoredAgents.insert(agents, endpoints, tenant, "dst", false, null, List.of(), List.of()).id();
        Instant now = clock.instant();
        UUID oldDone = job(tenant, source, target, "succeeded", now.minus(Duration.ofDays(100)));
        UUID oldFailed = job(tenant, source, target, "failed", now.minus(Duration.ofDays(91)));
        UUID recentDone = job(tenant, source, target, "succeeded", now.minus(Duration.ofDays(10)));
        UUID running = job(tenant, source, target, "running", null);
        receipt(oldDone, source);
        receipt(recentDone, source);
        session(oldDone, target);
        session(recentDone, target);

        RetentionSweep.Swept swept = sweep.sweep();

        assertEquals(2, swept.jobs());
        assertEquals(List.of(recentDone, running).stream().sorted().toList(), jobIds(tenant));
        assertEquals(1, count("SELECT COUNT(*) FROM job_receipt"));
        for (String table : List.of("job_session", "job_session_result", "job_session_file_error")) {
            assertEquals(1, count("SELECT COUNT(*) FROM " + table), table);
        }
        AuditEvent recorded = last(events.findByActionOrderBySeq("retention.purge"));
        assertTrue(recorded.details().contains("\"rows\":\"2\""), recorded::details);
        assertTrue(List.of(oldDone, oldFailed).stream().noneMatch(jobIds(tenant)::contains));
    }

    private UUID job(UUID tenant, UUID source, UUID target, String state, Instant finishedAt) {
        UUID id = UUID.randomUUID();
        Instant created = clock.instant().minus(Duration.ofDays(200));
        TestDatabase.execute(getProperties(), "INSERT INTO job (id, tenant_id, source_agent_id, source_endpoint,"
                + " target_agent_id, target_endpoint, state, attempt, session, bytes_done, bytes_total, files_done,"
                + " files_total, bytes_per_second, bytes_relayed, progress_from_agent, progress_milestone,"
                + " created_at, updated_at, finished_at, version) VALUES (?, ?, ?, 'data', ?, 'restore', ?, 1, 1,"
                + " 0, 0, 0, 0, 0, 0, FALSE, 0, ?, ?, ?, 0)", id, tenant, source, target, state,
                created.atOffset(ZoneOffset.UTC), created.atOffset(ZoneOffset.UTC),
                finishedAt == null ? null : finishedAt.atOffset(ZoneOffset.UTC));
        return id;
    }

    private void receipt(UUID job, UUID agent) {
        TestDatabase.execute(getProperties(), "INSERT INTO job_receipt (job_id, session, role, agent_id, receipt,"
                + " signature, verified, received_at) VALUES (?, 1, 'source', ?, ?, ?, TRUE, ?)", job, agent,
                new byte[] {1}, new byte[] {2}, clock.instant().atOffset(ZoneOffset.UTC));
    }

    /** Stores a session of {@code job} with the target's result and one per-file error count. */
    private void session(UUID job, UUID agent) {
        Object at = clock.instant().atOffset(ZoneOffset.UTC);
        TestDatabase.execute(getProperties(), "INSERT INTO job_session (job_id, session, attempt, scope, started_at,"
                + " ended_at, ending, progressed) VALUES (?, 1, 1, 'all', ?, ?, 'succeeded_with_errors', TRUE)", job,
                at, at);
        TestDatabase.execute(getProperties(), "INSERT INTO job_session_result (job_id, session, role, agent_id,"
                + " outcome, retryable, files_done, bytes_done, files_failed, files_skipped, received_at)"
                + " VALUES (?, 1, 'target', ?, 'JOB_OUTCOME_SUCCEEDED_WITH_ERRORS', FALSE, 9, 900, 1, 0, ?)", job,
                agent, at);
        TestDatabase.execute(getProperties(), "INSERT INTO job_session_file_error (job_id, session, role, code, files)"
                + " VALUES (?, 1, 'target', 'FILE_IO_ERROR', 1)", job);
    }

    private List<UUID> jobIds(UUID tenant) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = TestDatabase.connect(getProperties());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM job WHERE tenant_id = '" + tenant
                        + "' ORDER BY id")) {
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
        }
        return ids.stream().sorted().toList();
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = TestDatabase.connect(getProperties());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private AuditEvent append(UUID tenant, String target) {
        return log.record(AuditEntry.of(tenant, "system", "test.retention", target, "success", null));
    }

    private byte[] export(String chain) {
        return ExportChecks.read(exports.open(ExportRequest.parse(chain, null, null, null)));
    }

    private static AuditEvent last(List<AuditEvent> events) {
        return events.get(events.size() - 1);
    }
}
