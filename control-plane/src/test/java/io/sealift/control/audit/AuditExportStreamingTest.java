package io.sealift.control.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.sealift.audit.format.Chains;
import io.sealift.audit.verify.Verdict;
import io.sealift.control.testing.ApiTestBase;
import io.sealift.control.testing.RestClient;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A 10,000-record log: its exports verify with no false positive, over HTTP and with the CLI, and
 * an export reads the store a page at a time as it is consumed instead of loading it whole.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditExportStreamingTest extends ApiTestBase {
    private static final int RECORDS = 10_000;
    private static final int PAGE = 500;

    @Inject
    AuditLog log;
    @Inject
    AuditExports exports;
    @Inject
    AuditKey key;
    @Inject
    CountingAuditEventRepository counter;

    private final List<UUID> tenants = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("sealift.test.count-audit-pages", "true", "sealift.audit.export-page-size", Integer.toString(PAGE),
                "sealift.audit.checkpoint-every-records", "1000", "sealift.audit.checkpoint-interval", "1000d");
    }

    @BeforeAll
    void appendTenThousandRecords() throws Exception {
        AuditChainContract.runWriters(List.of(log), 16, RECORDS / 16, tenants);
    }

    @Test
    void globalExportOverHttp_ofTenThousandRecords_verifiesWithTheCli() {
        RestClient.Response export = rest().get("api/v1/audit", adminToken());

        AuditCli.Run run = AuditCli.verify(export.body(), key.publicKey().fingerprint());

        assertEquals(0, run.status(), run::output);
        long records = Long.parseLong(run.output().substring(0, run.output().indexOf(' ')).replace(",", ""));
        assertTrue(records > RECORDS, run::output);
    }

    @Test
    void tenantExports_ofTheSameLog_verify() {
        for (UUID tenant : tenants) {
            Verdict.Valid verdict = ExportChecks.assertValid(exports, key, Chains.scopeOf(tenant));
            assertTrue(verdict.records() > RECORDS / 5, verdict::report);
        }
    }

    @Test
    void export_readsTheStoreAPageAtATime_asItIsConsumed() throws IOException {
        int before = counter.pages();
        try (InputStream body = exports.open(ExportRequest.parse(Chains.GLOBAL, null, null, null)).body()) {
            byte[] start = body.readNBytes(64 * 1024);
            int whileReadingTheStart = counter.pages() - before;
            long rest = start.length + body.transferTo(OutputStream.nullOutputStream());
            int afterAll = counter.pages() - before;

            assertEquals(1, whileReadingTheStart, "the first 64 KiB need only the first page");
            assertTrue(afterAll >= RECORDS / PAGE, "pages read for the whole export: " + afterAll);
            assertTrue(rest > 64 * 1024);
        }
        Verdict verdict = ExportChecks.verify(ExportChecks.read(
                exports.open(ExportRequest.parse(Chains.GLOBAL, null, null, null))), key, Optional.empty());
        assertTrue(verdict.valid(), verdict::report);
    }
}
