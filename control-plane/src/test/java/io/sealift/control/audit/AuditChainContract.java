package io.sealift.control.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.sealift.audit.format.Chains;
import io.sealift.audit.format.ExportLine;
import io.sealift.audit.format.ExportedRecord;
import io.sealift.audit.format.SignedCheckpoint;
import io.sealift.audit.verify.Verdict;
import io.sealift.control.testing.TempDataDir;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The hash chains as stored: links, checkpoints, tenant and global exports, concurrent writers
 * in one process and in two. Runs on H2 ({@link AuditChainH2Test}) and PostgreSQL
 * ({@link AuditChainPostgresTest}).
 */
abstract class AuditChainContract extends TempDataDir {
    static final int CHECKPOINT_EVERY = 5;

    @Inject
    AuditLog log;
    @Inject
    AuditExports exports;
    @Inject
    AuditKey key;
    @Inject
    AuditEventRepository events;
    @Inject
    AuditCheckpointRepository checkpoints;
    @Inject
    Checkpointer checkpointer;

    /** The datasource properties of the store under test; the same map on every call. */
    protected abstract Map<String, String> datasource();

    @Override
    protected final Map<String, String> extraProperties() {
        Map<String, String> properties = new HashMap<>(datasource());
        properties.put("sealift.audit.checkpoint-every-records", Integer.toString(CHECKPOINT_EVERY));
        properties.put("sealift.audit.checkpoint-interval", "1000d");
        properties.put("sealift.retention.sweep-interval", "1000d");
        return properties;
    }

    @Test
    void eachRecord_linksToThePreviousRecordOfBothItsChains() {
        UUID acme = UUID.randomUUID();
        AuditEvent first = append(acme, "one");
        AuditEvent between = append(UUID.randomUUID(), "two");
        AuditEvent second = append(acme, "three");

        assertEquals(between.seq() + 1, second.seq());
        assertEquals(between.hash(), second.prevHash());
        assertEquals(first.chainSeq() + 1, second.chainSeq());
        assertEquals(first.hash(), second.chainPrevHash());
        assertEquals("tenant:" + acme, second.chain());
        for (AuditEvent stored : List.of(first, between, second)) {
            AuditEvent reread = events.findById(stored.seq()).orElseThrow();
            assertEquals(reread.hash(), reread.exported().record().hash(), "the stored hash is the record's own");
        }
    }

    @Test
    void tenantExport_holdsOnlyThatTenantsRecords_andVerifies() {
        UUID acme = UUID.randomUUID();
        UUID globex = UUID.randomUUID();
        for (int i = 0; i < 12; i++) {
            append(i % 3 == 0 ? globex : acme, "r" + i);
        }

        byte[] export = ExportChecks.read(exports.open(ExportRequest.parse(Chains.scopeOf(acme), null, null, null)));

        Verdict verdict = ExportChecks.verify(export, key, Optional.empty());
        assertEquals(8, ((Verdict.Valid) verdict).records(), verdict::report);
        assertFalse(new String(export, StandardCharsets.UTF_8).contains(globex.toString()));
        for (ExportLine line : ExportChecks.parse(export)) {
            if (line instanceof ExportedRecord record) {
                assertEquals(acme, record.record().tenant());
            }
        }
    }

    @Test
    void globalExport_verifies_andCarriesACheckpointEveryNRecords() {
        for (int i = 0; i < 2 * CHECKPOINT_EVERY; i++) {
            append(null, "platform-" + i);
        }

        byte[] export = ExportChecks.read(exports.open(ExportRequest.parse(Chains.GLOBAL, null, null, null)));
        List<ExportLine> lines = ExportChecks.parse(export);

        assertTrue(ExportChecks.verify(export, key, Optional.empty()).valid());
        List<Long> signed = lines.stream().filter(SignedCheckpoint.class::isInstance)
                .map(l -> ((SignedCheckpoint) l).checkpoint().seq()).toList();
        long last = events.maxSeq();
        for (long seq = CHECKPOINT_EVERY; seq <= last; seq += CHECKPOINT_EVERY) {
            assertTrue(signed.contains(seq), "no checkpoint at " + seq + " in " + signed);
        }
        assertEquals(last, signed.get(signed.size() - 1), "the export ends with a checkpoint of its last record");
    }

    @Test
    void sixteenConcurrentWriters_leaveNoGaps_andEveryChainVerifies() throws Exception {
        List<UUID> tenants = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        long before = events.maxSeq();

        runWriters(List.of(log), 16, 25, tenants);

        assertEquals(before + 16 * 25, events.maxSeq());
        assertNoGaps();
        ExportChecks.assertValid(exports, key, Chains.GLOBAL);
        for (UUID tenant : tenants) {
            ExportChecks.assertValid(exports, key, Chains.scopeOf(tenant));
        }
    }

    @Test
    void twoReplicasOnOneDatabase_appendWithoutGaps_becauseTheDatabaseSerializesThem() throws Exception {
        List<UUID> tenants = List.of(UUID.randomUUID(), UUID.randomUUID());
        long before = events.maxSeq();
        try (ApplicationContext replica = ApplicationContext.run(new HashMap<String, Object>(getProperties()))) {
            runWriters(List.of(log, replica.getBean(AuditLog.class)), 8, 25, tenants);
        }

        assertEquals(before + 2 * 8 * 25, events.maxSeq());
        assertNoGaps();
        ExportChecks.assertValid(exports, key, Chains.GLOBAL);
        tenants.forEach(tenant -> ExportChecks.assertValid(exports, key, Chains.scopeOf(tenant)));
    }

    @Test
    void intervalCheckpoints_signTheGlobalHeadEvenWhenIdle_andOnlyChainsThatAdvanced() {
        UUID acme = UUID.randomUUID();
        append(acme, "advances");

        List<String> first = checkpointer.signHeads().stream().map(s -> s.checkpoint().chain()).toList();
        List<SignedCheckpoint> idle = checkpointer.signHeads();

        assertTrue(first.contains(Chains.GLOBAL) && first.contains(Chains.scopeOf(acme)), first::toString);
        assertEquals(List.of(Chains.GLOBAL), idle.stream().map(s -> s.checkpoint().chain()).toList());
        long head = events.maxSeq();
        assertEquals(head, idle.get(0).checkpoint().seq());
        assertEquals(idle.get(0).signature(),
                checkpoints.findByChainAndSeq(Chains.GLOBAL, head).orElseThrow().signature(),
                "an idle re-sign replaces the stored checkpoint of the same record");
        ExportChecks.assertValid(exports, key, Chains.GLOBAL);
    }

    @Test
    void recordsWrittenBeforeTheChain_areLinkedInSequenceOrder() {
        long next = events.maxSeq() + 1;
        UUID tenant = UUID.randomUUID();
        LegacyRows.insert(getProperties(), next, tenant, "legacy.one");
        LegacyRows.insert(getProperties(), next + 1, null, "legacy.two");

        log.chainEarlierRecords();
        AuditEvent after = append(tenant, "after");

        assertEquals(next + 2, after.seq());
        assertEquals(2, after.chainSeq());
        ExportChecks.assertValid(exports, key, Chains.GLOBAL);
        ExportChecks.assertValid(exports, key, Chains.scopeOf(tenant));
    }

    @Test
    void oversizedParts_areRefusedWithTheirLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> log.record(AuditEntry.of(null, "system", "test.long", "x".repeat(201), "success", null)));

        assertTrue(e.getMessage().contains("target is 201 characters; at most 200"), e.getMessage());
    }

    private AuditEvent append(UUID tenant, String target) {
        return log.record(new AuditEntry(tenant, "system", "test.event", target, "success", "corr-" + target,
                Map.of("k", target)));
    }

    private void assertNoGaps() {
        long first = events.firstSeq();
        assertEquals(events.maxSeq() - first + 1, events.count(), "records between " + first + " and the head");
    }

    static void runWriters(List<AuditLog> logs, int threadsPerLog, int each, List<UUID> tenants) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(logs.size() * threadsPerLog);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (AuditLog writerLog : logs) {
                for (int t = 0; t < threadsPerLog; t++) {
                    int thread = t;
                    writers.add(pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            UUID tenant = (thread + i) % (tenants.size() + 1) == 0 ? null
                                    : tenants.get((thread + i) % tenants.size());
                            writerLog.record(AuditEntry.of(tenant, "system", "test.concurrent", "w" + thread + "-" + i,
                                    "success", null));
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> writer : writers) {
                writer.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
