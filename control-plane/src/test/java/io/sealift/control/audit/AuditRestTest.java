package io.sealift.control.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.sealift.audit.format.AuditRecord;
import io.sealift.audit.format.ExportLine;
import io.sealift.audit.format.ExportedRecord;
import io.sealift.audit.format.FormatException;
import io.sealift.audit.format.Sha256;
import io.sealift.audit.format.Timestamps;
import io.sealift.control.secrets.IssuedSecret;
import io.sealift.control.testing.ApiTestBase;
import io.sealift.control.testing.RestClient.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The audit REST endpoints: the public key, tenant and platform exports in both formats, who may
 * export what, parameters, and that no secret ever reaches an export.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditRestTest extends ApiTestBase {
    @Inject
    AuditKey key;
    @Inject
    AuditEventRepository events;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("sealift.audit.checkpoint-every-records", "2", "sealift.audit.checkpoint-interval", "1000d");
    }

    @Test
    void key_isServedWithoutAuthentication_asBase64RawBytes_withItsFingerprint() {
        Response anonymous = rest().get("api/v1/audit/key", null);
        Response badToken = rest().get("api/v1/audit/key", "slt_" + "Q".repeat(43));

        assertEquals(200, anonymous.status(), anonymous::toString);
        assertEquals(anonymous.body(), badToken.body());
        byte[] raw = Base64.getDecoder().decode(anonymous.field("publicKey"));
        assertEquals(32, raw.length);
        assertEquals("sha256:" + Sha256.hex(raw), anonymous.field("fingerprint"));
        assertEquals(key.publicKey().fingerprint(), anonymous.field("fingerprint"));
        assertEquals("Ed25519", anonymous.field("algorithm"));
    }

    @Test
    void tenantExport_byItsAuditor_holdsOnlyThatTenant_andVerifiesWithTheCli() {
        UUID acme = createTenant("acme");
        UUID globex = createTenant("globex");
        String auditor = mintToken(acme, "auditor");
        mintToken(globex, "owner");
        mintToken(acme, "operator");

        Response export = rest().get("api/v1/tenants/" + acme + "/audit", auditor);

        assertEquals(200, export.status(), export::toString);
        assertTrue(export.header("Content-Type").orElseThrow().startsWith("application/x-ndjson"));
        assertTrue(export.header("Content-Disposition").orElseThrow().contains("sealift-audit-tenant-" + acme));
        assertFalse(export.body().contains(globex.toString()), "another tenant's id in the export");
        records(export.body()).forEach(r -> assertEquals(acme, r.tenant()));
        AuditCli.Run run = AuditCli.verify(export.body(), key.publicKey().fingerprint());
        assertEquals(0, run.status(), run::output);
        assertTrue(run.output().matches("(?s)\\d+ records, \\d+ checkpoints: valid.*"), run::output);
    }

    @Test
    void exports_areScopedLikeEveryTenantPath() {
        UUID acme = createTenant("scope-a");
        UUID globex = createTenant("scope-b");
        String acmeAuditor = mintToken(acme, "auditor");
        String acmeOwner = mintToken(acme, "owner");

        assertEquals(404, rest().get("api/v1/tenants/" + globex + "/audit", acmeAuditor).status());
        assertEquals(401, rest().get("api/v1/tenants/" + acme + "/audit", null).status());
        assertEquals(403, rest().get("api/v1/audit", acmeOwner).status());
        assertEquals(200, rest().get("api/v1/tenants/" + globex + "/audit", adminToken()).status());
        Response all = rest().get("api/v1/audit", adminToken());
        assertEquals(200, all.status());
        assertTrue(all.body().contains(acme.toString()) && all.body().contains(globex.toString()));
        assertEquals(0, AuditCli.verify(all.body(), key.publicKey().fingerprint()).status());
        Response platform = rest().get("api/v1/audit?chain=platform", adminToken());
        assertEquals(0, AuditCli.verify(platform.body(), key.publicKey().fingerprint()).status());
        records(platform.body()).forEach(r -> assertEquals(null, r.tenant()));
    }

    @Test
    void csvExport_holdsTheSameRecordsAsTheJsonLinesExport() {
        UUID acme = createTenant("csv");
        for (int i = 0; i < 3; i++) {
            mintToken(acme, "auditor");
        }
        String path = "api/v1/tenants/" + acme + "/audit?to=4";

        List<String> jsonl = records(rest().get(path, adminToken()).body()).stream().map(AuditRecord::hash).toList();
        Response csv = rest().get(path + "&format=csv", adminToken());

        assertTrue(csv.header("Content-Type").orElseThrow().startsWith("text/csv"));
        String[] rows = csv.body().split("\n");
        assertEquals(CsvLines.HEADER, rows[0]);
        List<String> hashes = Arrays.stream(rows).skip(1).map(row -> row.split(",")[11]).toList();
        assertEquals(jsonl, hashes);
        assertEquals(4, hashes.size());
    }

    @Test
    void fromAndTo_selectByChainSequenceOrTime_startingAtTheCheckpointBefore() {
        UUID acme = createTenant("range");
        for (int i = 0; i < 6; i++) {
            mintToken(acme, "auditor");
        }
        String base = "api/v1/tenants/" + acme + "/audit";

        List<AuditRecord> bySeq = records(rest().get(base + "?from=4&to=6", adminToken()).body());
        AuditRecord fifth = bySeq.stream().filter(r -> r.chainSeq() == 5).findFirst().orElseThrow();
        String at = Timestamps.format(fifth.time());
        Response byTime = rest().get(base + "?from=" + at + "&to=" + at, adminToken());

        assertEquals(List.of(3L, 4L, 5L, 6L), bySeq.stream().map(AuditRecord::chainSeq).toList(),
                "from=4 starts after the checkpoint at 2, so record 3 leads in");
        assertEquals(List.of(5L), records(byTime.body()).stream().map(AuditRecord::chainSeq).toList());
        assertEquals(0, AuditCli.verify(byTime.body(), key.publicKey().fingerprint()).status());
        Response empty = rest().get(base + "?from=2999-01-01T00:00:00Z", adminToken());
        AuditCli.Run run = AuditCli.verify(empty.body(), key.publicKey().fingerprint());
        assertTrue(run.output().startsWith("0 records, 1 checkpoints: valid"), run::output);
    }

    @Test
    void malformedParameters_areProblemsNamingTheParameter() {
        UUID acme = createTenant("params");
        String base = "api/v1/tenants/" + acme + "/audit";

        assertProblem(rest().get(base + "?format=xml", adminToken()), "format");
        assertProblem(rest().get(base + "?from=yesterday", adminToken()), "from");
        assertProblem(rest().get(base + "?from=5&to=3", adminToken()), "from");
        assertProblem(rest().get("api/v1/audit?chain=tenant:" + acme, adminToken()), "chain");
    }

    @Test
    void exports_areThemselvesAudited() {
        UUID acme = createTenant("exported");
        String auditor = mintToken(acme, "auditor");
        rest().send("GET", "api/v1/tenants/" + acme + "/audit?format=csv", auditor, null, null,
                Map.of("X-Correlation-Id", "export-audited"));

        AuditEvent record = events.findByActionOrderBySeq("audit.export").stream()
                .filter(e -> "export-audited".equals(e.correlationId())).findFirst().orElseThrow();

        assertEquals(acme, record.tenantId());
        assertEquals("audit:tenant:" + acme, record.target());
        assertTrue(record.details().contains("\"format\":\"csv\""), record::details);
    }

    @Test
    void canarySecrets_neverAppearInAnyExport() {
        List<String> secrets = new ArrayList<>(List.of(adminToken()));
        UUID acme = createTenant("canary");
        String owner = mintToken(acme, "owner");
        secrets.add(owner);
        secrets.add(rest().post("api/v1/tenants/" + acme + "/enrollment-tokens", owner, "{}").field("token"));
        String revoked = rest().post("api/v1/tenants/" + acme + "/api-tokens", owner, "{\"role\":\"auditor\"}")
                .field("token");
        secrets.add(revoked);
        rest().get("api/v1/tenants/" + acme, revoked);
        String canary = "slt_CANARY" + "c".repeat(37);
        secrets.add(canary);
        rest().get("api/v1/tenants", canary);
        rest().send("GET", "api/v1/tenants", null, null, null, Map.of("Authorization", "Bearer " + canary));

        List<String> exports = List.of(rest().get("api/v1/audit", adminToken()).body(),
                rest().get("api/v1/audit?format=csv", adminToken()).body(),
                rest().get("api/v1/tenants/" + acme + "/audit", owner).body(),
                rest().get("api/v1/tenants/" + acme + "/audit?format=csv", owner).body());

        for (String export : exports) {
            assertTrue(export.contains(acme.toString()), "the export is empty");
            for (String secret : secrets) {
                assertFalse(export.contains(secret), "a token value in an export");
                assertFalse(export.contains(IssuedSecret.presented(secret).hash()), "a token hash in an export");
            }
        }
    }

    private static void assertProblem(Response response, String parameter) {
        assertEquals(400, response.status(), response::toString);
        assertTrue(response.header("Content-Type").orElseThrow().startsWith("application/problem+json"));
        assertTrue(response.field("detail").startsWith(parameter + ":"), response::toString);
    }

    private static List<AuditRecord> records(String export) {
        List<AuditRecord> records = new ArrayList<>();
        for (String line : export.split("\n")) {
            try {
                if (ExportLine.parse(line) instanceof ExportedRecord record) {
                    records.add(record.record());
                }
            } catch (FormatException e) {
                throw new AssertionError(line, e);
            }
        }
        return records;
    }
}
